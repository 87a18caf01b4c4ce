import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { lateDeliveryEffect } from './delivery-effect.js';
import { compareNps } from './nps.js';
import { surveyHistory } from './survey-history.js';
import { surveyMetrics } from './surveys.js';
import { partnerReport } from './touchpoints.js';

describe('survey metrics, delivery effect and partners (SQL)', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
  });
  afterEach(() => store.close());

  async function answers(month: string, touchpoint: string, scores: number[]) {
    let i = 0;
    for (const s of scores) {
      await store.run(
        "INSERT INTO survey_responses (source, source_id, customer_id, survey, kind, score, touchpoint, responded_at) VALUES ('s', ?, 'c', 'wave', 'nps', ?, ?, ?)",
        [`${month}-${touchpoint}-${i++}`, s, touchpoint, `${month}-15 12:00`],
      );
    }
  }
  const rep = (v: number, n: number) => new Array<number>(n).fill(v);

  it('trends NPS by month with the change test, and hides small groups', async () => {
    await answers('2026-01', 'web', [...rep(10, 20), ...rep(8, 10), ...rep(0, 10)]); // NPS 25
    await answers('2026-02', 'web', [...rep(10, 10), ...rep(8, 10), ...rep(3, 20)]); // NPS −25
    await answers('2026-02', 'store', [10, 10, 3]);
    await store.run(
      "INSERT INTO survey_responses (source, source_id, survey, kind, score) VALUES ('s', 'unanswered', 'wave', 'nps', NULL)",
    );
    const byMonth = await surveyMetrics(store, { kind: 'nps', by: 'period', minN: 30 });
    expect(byMonth.map((r) => [r.n, r.value])).toEqual([
      [40, 25],
      [43, expect.closeTo((100 * (12 - 21)) / 43, 9)],
    ]);
    const change = compareNps(
      { promoters: 20, passives: 10, detractors: 10 },
      { promoters: 12, passives: 10, detractors: 21 },
    );
    expect(byMonth[1]?.change).toEqual(change);
    const byTp = await surveyMetrics(store, { kind: 'nps', by: 'touchpoint', minN: 30 });
    expect(byTp.find((r) => r.group === 'store')).toMatchObject({
      n: 3,
      tooSmall: true,
      value: null,
      low: null,
    });
    expect(byTp.find((r) => r.group === 'web')).toMatchObject({ n: 80, value: 0 });
    expect(await surveyMetrics(store, { kind: 'ces' })).toEqual([]);
  });

  it('measures the late-delivery effect on the score, one answer per order', async () => {
    const order = (id: string, c: string, late: boolean) =>
      store.run(
        "INSERT INTO orders (source, source_id, customer_id, placed_at, amount, promised_at, delivered_at) VALUES ('o', ?, ?, '2026-01-01', 1, '2026-01-05 00:00', ?)",
        [id, c, late ? '2026-01-06 09:00' : '2026-01-05 23:00'],
      );
    const review = (id: string, c: string, score: number, at: string) =>
      store.run(
        "INSERT INTO survey_responses (source, source_id, customer_id, survey, kind, score, responded_at) VALUES ('o', ?, ?, 'review', 'csat', ?, ?)",
        [id, c, score, at],
      );
    await order('A', 'c1', true);
    await order('B', 'c2', true);
    await order('C', 'c3', false); // same calendar day: on time
    await order('D', 'c4', false);
    await review('r1', 'c1', 1, '2026-01-07');
    await review('r1b', 'c1', 5, '2026-01-09'); // a later second answer for the same order is ignored
    await review('r2', 'c2', 3, '2026-01-07');
    await review('r3', 'c3', 5, '2026-01-07');
    await review('r4', 'c4', 4, '2026-01-07');
    const e = await lateDeliveryEffect(store);
    expect(e.late).toMatchObject({ n: 2, mean: 2 });
    expect(e.onTime).toMatchObject({ n: 2, mean: 4.5 });
    expect(e.diff).toBe(-2.5);
  });

  it('flags the partner whose late share is significantly higher', async () => {
    let k = 0;
    for (const [partner, late, n] of [
      ['A', 10, 40],
      ['B', 2, 40],
    ] as const) {
      for (let i = 0; i < n; i++) {
        await store.run(
          "INSERT INTO orders (source, source_id, placed_at, amount, partner_id, promised_at, delivered_at) VALUES ('o', ?, '2026-01-01', 1, ?, '2026-01-05', ?)",
          [`o${k++}`, partner, i < late ? '2026-01-07' : '2026-01-04'],
        );
      }
    }
    const rows = await partnerReport(store);
    expect(rows.map((r) => [r.partnerId, r.late, r.poor])).toEqual([
      ['A', 10, true],
      ['B', 2, false],
    ]);
    expect(rows[0]?.lateRate.rate).toBe(0.25);
    expect(rows[0]?.csat).toMatchObject({ n: 0, tooSmall: true, value: null });
  });

  it('lists a person’s invitations and answers', async () => {
    await store.run(
      "INSERT INTO persons (person_id, record_count, sources, updated_at) VALUES ('P', 1, ['s'], now())",
    );
    await store.run("INSERT INTO person_keys VALUES ('record', 's:c', 'P')");
    await store.run(
      `INSERT INTO survey_responses (source, source_id, customer_id, survey, kind, score, invited_at, responded_at) VALUES
       ('s', '1', 'c', 'w1', 'nps', 9, '2026-01-01', '2026-01-02'), ('s', '2', 'c', 'w2', 'nps', NULL, '2026-01-20', NULL)`,
    );
    const h = await surveyHistory(store, 'P', new Date('2026-01-25T00:00:00Z'));
    expect(h).toMatchObject({
      invitations: 2,
      answers: 1,
      answerRate: 0.5,
      invitedLast30Days: 2,
      daysSinceLastInvite: 5,
    });
    // the person can be named by a record key too; an unknown one is an error, not an empty history
    expect((await surveyHistory(store, 's:c')).personId).toBe('P');
    await expect(surveyHistory(store, 'nobody')).rejects.toMatchObject({
      code: 'IDENTITY_PERSON_NOT_FOUND',
    });
  });
});
