// Saved retention cells on the real API (in-memory store, app.inject): a cell saved with
// POST /api/churn/cohort-cells is compared in survival (?by=saved:<name>) and listed by
// /api/segments/<name>, as the route's description and the dashboard say; an empty cohort and a
// name taken by another cell are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOrders, SMALL_ORDERS } from '../../metrics/churn/testing.js';
import { type JsonBody, openTestApp, type TestApp } from '../test-app.test-helper.js';

// SMALL_ORDERS (data end 2026-05-31) under the shipped churn definition (90 days inactive):
// cohort 2026-01 is A, B, C; by the end of its month 1 A is retained (censored 146 days after
// acquisition), B and C are lost. Cohort 2026-02 is D, retained (censored at 117 days). Six
// customers in all; no cohort in 2026-04. (Cells whose group churns entirely are avoided: a
// Kaplan–Meier curve that reaches 0 has NaN bounds, which the survival response refuses.)
let t: TestApp;
beforeAll(async () => {
  t = await openTestApp((store) => insertOrders(store, SMALL_ORDERS));
});
afterAll(() => t.close());

type Json = JsonBody;
const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.call(method, url, payload);

const groups = (body: Json) => (body.groups as Json[]).map((g) => [g.group, g.n]);
/** Days of the saved group's only (censored) member. */
const censoredAt = (body: Json) =>
  (body.groups as Json[]).find((g) => g.group === 'jan-kept')?.curve.at(-1)?.days;

describe('saved retention cells over the API', () => {
  it('saves a cell, compares it in survival and lists its members', async () => {
    const saved = await call('POST', '/api/churn/cohort-cells', {
      cohort: '2026-01',
      monthsSince: 1,
      which: 'retained',
      name: 'jan-kept',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ name: 'jan-kept', size: 1 });

    const survival = await call('GET', '/api/churn/survival?by=saved:jan-kept');
    expect(survival.status, JSON.stringify(survival.body)).toBe(200);
    expect(survival.body.segment).toBe('saved:jan-kept');
    expect(groups(survival.body)).toEqual([
      ['others', 5],
      ['jan-kept', 1],
    ]);
    expect(censoredAt(survival.body)).toBe(146);

    // No score run on this store: the members are listed, unscored.
    for (const name of ['jan-kept', 'saved:jan-kept']) {
      const members = await call('GET', `/api/segments/${encodeURIComponent(name)}`);
      expect(members.status, JSON.stringify(members.body)).toBe(200);
      expect(members.body.total).toBe(1);
      expect((members.body.items as Json[]).map((m) => [m.personId, m.action])).toEqual([
        ['shop:A', 'unscored'],
      ]);
    }
  });

  it('rejects a survival segment that is neither a dimension nor a saved segment', async () => {
    const missing = await call('GET', '/api/churn/survival?by=saved:nope');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'SEGMENT_NOT_FOUND']);
    const bad = await call('GET', '/api/churn/survival?by=colour');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INPUT_BAD_SEGMENT']);
    expect(bad.body.error.message).toContain('saved:<name>');
  });

  it('refuses a cell of a cohort without customers', async () => {
    for (const cohort of ['2020-01', '2026-04']) {
      const r = await call('POST', '/api/churn/cohort-cells', { cohort, monthsSince: 0 });
      expect([r.status, r.body.error.code]).toEqual([400, 'INPUT_EMPTY_COHORT']);
    }
  });

  it('refuses a name saved for another cell unless replace is true', async () => {
    const lost = { cohort: '2026-01', monthsSince: 1, which: 'lost', name: 'jan-kept' };
    const refused = await call('POST', '/api/churn/cohort-cells', lost);
    expect([refused.status, refused.body.error.code]).toEqual([400, 'INPUT_SEGMENT_EXISTS']);
    const kept = await call('GET', `/api/segments/jan-kept`);
    expect((kept.body.items as Json[]).map((m) => m.personId)).toEqual(['shop:A']);

    const feb = { cohort: '2026-02', monthsSince: 0, name: 'jan-kept', replace: true };
    const replaced = await call('POST', '/api/churn/cohort-cells', feb);
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.size).toBe(1);
    // Same segment and member count, another member: the cached survival must not be served.
    const now = await call('GET', '/api/churn/survival?by=saved:jan-kept');
    expect(groups(now.body)).toEqual([
      ['others', 5],
      ['jan-kept', 1],
    ]);
    expect(censoredAt(now.body)).toBe(117);
  });
});
