import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { loadExperienceConfig } from './config.js';
import { explainScore } from './explain.js';
import { AS_OF, fixtureStore } from './fixture.test-helper.js';
import { computeScores } from './score-run.js';

// Half-life so long that decay is 1 to 1e-9: scores are exact sums of the weights.
const NO_DECAY = loadExperienceConfig({ half_life_days: 1e12 });
const eng = (e: number) => 100 * (1 - Math.exp(-e / 12));

describe('computeScores (hand-computed fixture)', () => {
  let store: Store;
  beforeEach(async () => {
    store = await fixtureStore();
  });
  afterEach(() => store.close());

  async function scores() {
    const rows = await store.all<{
      person_id: string;
      experience: number;
      engagement: number;
      voice: number;
      quadrant: string;
    }>(
      'SELECT person_id, experience, engagement, voice, quadrant FROM person_scores ORDER BY person_id',
    );
    return Object.fromEntries(rows.map((r) => [r.person_id, r]));
  }

  it('sums base and weights per person and assigns the quadrant by the first matching rule', async () => {
    const run = await computeScores(store, NO_DECAY, AS_OF);
    expect(run.persons).toBe(4);
    const s = await scores();
    // P1: 70 − 17 late − 14 slow first response − 6 reopened − 5 repeat contact = 28; voice 1 (delivery ticket)
    expect(s.P1?.experience).toBeCloseTo(28, 6);
    expect(s.P1?.voice).toBe(1);
    expect(s.P1?.quadrant).toBe('vocal_critics');
    expect(s.P1?.engagement).toBeCloseTo(eng(2), 6);
    // P2: 70 + 1 on time + 12 × NPS 10 (+1) = 83; engagement purchase 2 + answer 3
    expect(s.P2?.experience).toBeCloseTo(83, 6);
    expect(s.P2?.engagement).toBeCloseTo(eng(5), 6);
    expect(s.P2?.quadrant).toBe('quiet_satisfied');
    // P3: 70 − 0.5 abandoned (the second checkout completed) − 3 payment failed = 66.5; 2 logins
    expect(s.P3?.experience).toBeCloseTo(66.5, 6);
    expect(s.P3?.engagement).toBeCloseTo(eng(1), 6);
    // P4: 70 − 2 × 17 late − 4 no return after the bad interaction = 32; silent
    expect(s.P4?.experience).toBeCloseTo(32, 6);
    expect(s.P4?.voice).toBe(0);
    expect(s.P4?.quadrant).toBe('silent_at_risk');
    expect(run.quadrants).toEqual({ vocal_critics: 1, quiet_satisfied: 2, silent_at_risk: 1 });
  });

  it('explains every score as contributions that sum to it', async () => {
    await computeScores(store, NO_DECAY, AS_OF);
    for (const id of ['P1', 'P2', 'P3', 'P4']) {
      const e = await explainScore(store, id);
      const ex =
        e.experience.base +
        e.experience.clamp +
        e.experience.contributions.reduce((a, c) => a + c.points, 0);
      expect(ex).toBeCloseTo(e.experience.score, 9);
      const en = e.engagement.contributions.reduce((a, c) => a + c.points, 0);
      expect(en).toBeCloseTo(e.engagement.score, 9);
    }
    const p1 = await explainScore(store, 'P1');
    expect(p1.experience.contributions.map((c) => c.signal).sort()).toEqual(
      [
        'late_delivery',
        'partner_in_path',
        'reopened_ticket',
        'repeat_contact',
        'slow_first_response',
      ].sort(),
    );
  });

  it('decays by half per half-life', async () => {
    // P4's late deliveries were 26 and 27 days before AS_OF; with a 26-day half-life the first weighs 0.5.
    await computeScores(store, loadExperienceConfig({ half_life_days: 26 }), AS_OF);
    const e = await explainScore(store, 'P4');
    const late = e.experience.contributions.find((c) => c.signal === 'late_delivery');
    const age = (d: string) => (AS_OF.getTime() - new Date(d).getTime()) / 86_400_000;
    expect(late?.decayed).toBeCloseTo(
      0.5 ** (age('2026-01-04T12:00:00Z') / 26) + 0.5 ** (age('2026-01-05T12:00:00Z') / 26),
      9,
    );
  });

  it('clamps at 0 and shows the clamp as its own line', async () => {
    await computeScores(
      store,
      loadExperienceConfig({
        half_life_days: 1e12,
        experience: { weights: { late_delivery: -100 } },
      }),
      AS_OF,
    );
    const e = await explainScore(store, 'P4');
    expect(e.experience.score).toBe(0);
    expect(e.experience.clamp).toBeCloseTo(134, 6); // raw 70 − 200 − 4 = −134
  });

  it('ignores what happened after as-of', async () => {
    await computeScores(store, NO_DECAY, new Date('2026-01-06T00:00:00Z'));
    const s = await scores();
    // As of Jan 6, O1 (promised Jan 5, not yet delivered) is already late; no tickets yet.
    expect(s.P1?.experience).toBeCloseTo(53, 6);
    expect(s.P3?.experience).toBe(70);
  });

  it('counts a dated return or reopen only once its date has passed', async () => {
    await store.run(
      "UPDATE orders SET returned_at = '2026-01-20 09:00' WHERE source_id = 'O2'; UPDATE tickets SET reopened_at = '2026-01-14 09:00' WHERE source_id = 'T1'",
    );
    const signals = async (id: string) =>
      (await explainScore(store, id)).experience.contributions.map((c) => c.signal);
    await computeScores(store, NO_DECAY, AS_OF);
    expect(await signals('P2')).toContain('return_refund');
    expect(await signals('P1')).toContain('reopened_ticket');
    // P2: 83 − 5 for the return
    expect((await scores()).P2?.experience).toBeCloseTo(78, 6);
    // as of Jan 13 the ticket was resolved but not yet reopened, and the order not yet returned
    await computeScores(store, NO_DECAY, new Date('2026-01-13T12:00:00Z'));
    expect(await signals('P2')).not.toContain('return_refund');
    expect(await signals('P1')).not.toContain('reopened_ticket');
    expect(await signals('P1')).toContain('slow_first_response');
  });

  it('fails with a clear code when identity has not run', async () => {
    await store.run('DELETE FROM persons');
    await expect(computeScores(store, NO_DECAY, AS_OF)).rejects.toMatchObject({
      code: 'SCORES_NO_PERSONS',
    });
  });

  it('scores an empty store of persons with no activity at the base', async () => {
    await store.run(
      'DELETE FROM orders; DELETE FROM tickets; DELETE FROM survey_responses; DELETE FROM events',
    );
    await computeScores(store, NO_DECAY, AS_OF);
    const s = await scores();
    expect(Object.values(s).map((r) => r.experience)).toEqual([70, 70, 70, 70]);
    expect(Object.values(s).map((r) => r.engagement)).toEqual([0, 0, 0, 0]);
  });
});
