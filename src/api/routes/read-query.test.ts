// The shared read filters on the real API (in-memory store, app.inject): an impossible calendar
// day is a 400 on every route that takes ?from&to (it used to roll over or reach the handler as a
// 500), and a period that ends before it starts is INPUT_BAD_PERIOD.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../test-app.test-helper.js';
import { ReadFilters, requireOrderedPeriod } from './read-query.js';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(() => t.close());
const get = (url: string) => t.get(url);

describe('ReadFilters', () => {
  it('accepts calendar days only', () => {
    expect(ReadFilters.safeParse({ from: '2024-02-29', to: '2026-12-31' }).success).toBe(true);
    for (const bad of ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-1-01']) {
      expect(ReadFilters.safeParse({ from: bad }).success, bad).toBe(false);
    }
  });

  it('requireOrderedPeriod refuses to before from, and allows one day or a missing end', () => {
    expect(() => requireOrderedPeriod({ from: '2026-10-01', to: '2026-09-01' })).toThrow(
      expect.objectContaining({ code: 'INPUT_BAD_PERIOD' }),
    );
    expect(() => requireOrderedPeriod({ from: '2026-09-01', to: '2026-09-01' })).not.toThrow();
    expect(() => requireOrderedPeriod({ from: '2026-09-01' })).not.toThrow();
  });
});

describe('period filters on the API', () => {
  it('answers 400 naming the field for an impossible day on every route', async () => {
    for (const url of [
      '/api/churn?from=2026-02-30',
      '/api/support?from=2026-02-30',
      '/api/ideas?to=2026-02-30',
      '/api/overview?from=2026-02-30',
      '/api/voice?to=2026-04-31',
      '/api/funnels?from=2026-02-30&steps=a,b',
    ]) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.body.error?.code, url).toBe('INPUT_INVALID_REQUEST');
      expect(r.body.error?.message, url).toMatch(/(from|to): expected a calendar date/);
    }
  });

  it('answers 400 INPUT_BAD_PERIOD when to is before from', async () => {
    for (const url of [
      '/api/overview?from=2026-10-01&to=2026-09-01',
      '/api/churn?from=2026-10-01&to=2026-09-01',
      '/api/ideas?scope=period&from=2026-10-01&to=2026-09-01',
      '/api/funnels?from=2026-10-01&to=2026-09-01&steps=a,b',
      '/api/voice?from=2026-10-01&to=2026-09-01',
      '/api/support?from=2026-10-01&to=2026-09-01',
      '/api/surveys?from=2026-10-01&to=2026-09-01',
    ]) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.body.error?.code, url).toBe('INPUT_BAD_PERIOD');
      expect(r.body.error?.message, url).toContain('before from 2026-10-01');
    }
  });

  it('refuses a source no row comes from instead of answering zeros', async () => {
    const r = await get('/api/overview?source=typo');
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('INPUT_UNKNOWN_SOURCE');
  });

  it('still answers a well-formed period', async () => {
    expect((await get('/api/churn?from=2026-09-01&to=2026-09-01')).status).toBe(200);
  });
});
