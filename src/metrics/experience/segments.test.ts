import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { loadExperienceConfig } from './config.js';
import { AS_OF, fixtureStore } from './fixture.test-helper.js';
import { computeScores } from './score-run.js';
import { exportSegment } from './segments.js';

// Scores of the hand-computed fixture (scores.test.ts, no decay): P1 28 vocal_critics, P2 83 and
// P3 66.5 quiet_satisfied, P4 32 silent_at_risk. Saved segments as `cxlens churn save-cell` writes
// them: jun-lost = P1, P4 and "ghost" (no score row); one named like a quadrant = P2.
const NO_DECAY = loadExperienceConfig({ half_life_days: 1e12 });

async function saveSegment(store: Store, name: string, members: string[]): Promise<void> {
  await store.run(
    "INSERT INTO segments VALUES (?, 'cohort_cell', '{}', ?, TIMESTAMP '2026-02-01 00:00:00')",
    [name, members.length],
  );
  for (const m of members) await store.run('INSERT INTO segment_members VALUES (?, ?)', [name, m]);
}

describe('exportSegment', () => {
  let store: Store;
  beforeAll(async () => {
    store = await fixtureStore();
    await computeScores(store, NO_DECAY, AS_OF);
    await saveSegment(store, 'jun-lost', ['P4', 'P1', 'ghost']);
    await saveSegment(store, 'silent_at_risk', ['P2']);
  });
  afterAll(() => store.close());

  const ids = async (segment: string) =>
    (await exportSegment(store, { segment })).map((m) => m.person_id);

  it('lists a saved segment by its bare name or saved:<name>, unscored members last', async () => {
    const rows = await exportSegment(store, { segment: 'jun-lost' });
    expect(rows.map((r) => [r.person_id, r.quadrant, r.action])).toEqual([
      ['P1', 'vocal_critics', 'recovery_contact'],
      ['P4', 'silent_at_risk', 'recovery_contact'],
      ['ghost', null, 'unscored'],
    ]);
    expect(rows[2]).toMatchObject({ experience: null, engagement: null, voice: null, reasons: '' });
    expect(rows[0]?.experience).toBeCloseTo(28, 1);
    expect(await ids('saved:jun-lost')).toEqual(['P1', 'P4', 'ghost']);
  });

  it('gives a quadrant precedence over a saved name, which saved: still reaches', async () => {
    expect(await ids('silent_at_risk')).toEqual(['P4']);
    expect(await ids('saved:silent_at_risk')).toEqual(['P2']);
  });

  it('still compiles rules', async () => {
    expect(await ids('experience < 30')).toEqual(['P1']);
  });

  it('says what a name is not: no quadrant, saved segment or rule', async () => {
    await expect(exportSegment(store, { segment: 'jun-lost2' })).rejects.toMatchObject({
      code: 'INPUT_UNKNOWN_SEGMENT',
      message: expect.stringContaining('a saved segment (jun-lost, silent_at_risk)'),
    });
    await expect(exportSegment(store, { segment: 'saved:nope' })).rejects.toMatchObject({
      code: 'SEGMENT_NOT_FOUND',
    });
    await expect(exportSegment(store, { segment: 'experience <' })).rejects.toMatchObject({
      code: 'INPUT_BAD_RULE',
    });
  });
});
