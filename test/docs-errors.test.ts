// Every error code raised in src/ is documented in docs/reference/errors.md, so users can look
// up any code they see.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('error code reference', () => {
  it('documents every code used in src/', () => {
    const doc = readFileSync('docs/reference/errors.md', 'utf8');
    const used = new Set<string>();
    for (const file of sources('src')) {
      for (const m of readFileSync(file, 'utf8').matchAll(
        /'((?:INPUT|CONFIG|STORE|AUTH|MODEL|TRACKING|IDENTITY|SCORES?|NOT)_[A-Z_]+)'/g,
      )) {
        if (m[1]) used.add(m[1]);
      }
    }
    expect(used.size).toBeGreaterThan(50);
    const undocumented = [...used].filter((code) => !doc.includes(`\`${code}\``)).sort();
    expect(undocumented).toEqual([]);
  });
});
