import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../store/index.js';
import { analyse } from './analyse.js';
import { loadDemo } from './load-demo.js';

const dir = mkdtempSync(join(tmpdir(), 'cxlens-analyse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('analyse', () => {
  it('skips, with its reason, a step the data cannot support yet, and runs the others', async () => {
    const store = await Store.open(':memory:');
    try {
      // 60 days is too little history to label churn (the horizon is 90 days)
      await loadDemo(store, { customers: 200, days: 60, seed: 7, outDir: join(dir, 'demo') });
      const steps = await analyse(store);
      expect(steps.map((s) => s.name)).toEqual(['identity', 'voice', 'scores', 'churn', 'value']);
      const churn = steps.find((s) => s.name === 'churn');
      expect(churn?.skipped).toMatch(/history/);
      expect(churn?.detail).toBeUndefined();
      for (const s of steps.filter((x) => x.name !== 'churn')) {
        expect(s.skipped, s.name).toBeUndefined();
        expect(s.detail, s.name).toBeTruthy();
      }
    } finally {
      store.close();
    }
  }, 120_000);
});
