// /api/segments/:name on the real API (the scored fixture store, app.inject): a saved segment is
// listed and exported by its bare name or saved:<name>, quadrants and rules still work, and a name
// that is none of these is a 400 that says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, fixtureStore } from '../../metrics/experience/fixture.test-helper.js';
import { computeScores, loadExperienceConfig } from '../../metrics/experience/index.js';
import { openTestApp, type TestApp } from '../test-app.test-helper.js';

// Fixture scores (no decay): P1 28 vocal_critics, P4 32 silent_at_risk. Saved segment jun-lost as
// `cxlens churn save-cell` writes it: P4, P1 and "ghost" (not scored).
let t: TestApp;
beforeAll(async () => {
  t = await openTestApp(
    async (store) => {
      await computeScores(store, loadExperienceConfig({ half_life_days: 1e12 }), AS_OF);
      await store.run(
        "INSERT INTO segments VALUES ('jun-lost', 'cohort_cell', '{}', 3, TIMESTAMP '2026-02-01 00:00:00')",
      );
      await store.run(
        "INSERT INTO segment_members VALUES ('jun-lost', 'P4'), ('jun-lost', 'P1'), ('jun-lost', 'ghost')",
      );
    },
    await fixtureStore(),
  );
});
afterAll(() => t.close());

const get = (url: string) =>
  t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${t.key}` } });

describe('GET /api/segments/:name', () => {
  it('lists a saved segment by its bare name or saved:<name>, worst first, unscored last', async () => {
    for (const name of ['jun-lost', 'saved:jun-lost']) {
      const res = await get(`/api/segments/${encodeURIComponent(name)}?limit=2`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: { personId: string }[]; total: number };
      expect(page.total).toBe(3);
      expect(page.items.map((m) => m.personId)).toEqual(['P1', 'P4']);
    }
    const rest = (await get('/api/segments/jun-lost?offset=2')).json() as {
      items: Record<string, unknown>[];
    };
    expect(rest.items).toEqual([
      expect.objectContaining({ personId: 'ghost', quadrant: null, experience: null }),
    ]);
    expect(rest.items[0]?.action).toBe('unscored');
  });

  it('exports a saved segment as CSV', async () => {
    const res = await get('/api/segments/saved%3Ajun-lost/export');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('saved_jun-lost.csv');
    const lines = res.body.trim().split('\n');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['personId', 'P1', 'P4', 'ghost']);
  });

  it('still lists quadrants and rules', async () => {
    const quadrant = (await get('/api/segments/silent_at_risk')).json() as {
      items: { personId: string }[];
    };
    expect(quadrant.items.map((m) => m.personId)).toEqual(['P4']);
    const rule = await get(`/api/segments/${encodeURIComponent('experience < 30')}`);
    expect((rule.json() as { items: { personId: string }[] }).items.map((m) => m.personId)).toEqual(
      ['P1'],
    );
  });

  it('answers 400 for a name that is no quadrant, saved segment or rule, 404 for saved:<unknown>', async () => {
    const unknown = await get('/api/segments/jun-lost2');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: {
        code: 'INPUT_UNKNOWN_SEGMENT',
        message: expect.stringContaining('a saved segment (jun-lost)'),
      },
    });
    const missing = await get('/api/segments/saved%3Anope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'SEGMENT_NOT_FOUND' } });
  });
});
