import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.js';
import { TextAspectRow, TextScoreRow } from './schemas.js';
import { scoreTexts } from './score-texts.js';
import { insertIdea, insertPosts, insertSurvey, insertTicket } from './testing.js';

let store: Store;
beforeEach(async () => {
  store = await Store.open(':memory:');
  await insertPosts(store, [
    { id: 'p1', at: '2026-03-02 10:00:00', text: 'The delivery was late and support was rude' },
    { id: 'p2', at: '2026-03-03 10:00:00', text: 'Love my new blender, great quality!' },
    {
      id: 'p3',
      at: '2026-03-03 11:00:00',
      text: 'Der Deckel meines Mixers ist in der ersten Woche gerissen und jetzt läuft alles aus.',
    },
  ]);
  await insertTicket(
    store,
    't1',
    '2026-03-04 09:00:00',
    'Charged twice',
    'Please refund the second payment',
  );
  await insertTicket(store, 't2', '2026-03-04 09:30:00', null, null);
  await insertSurvey(store, 's1', '2026-03-05 12:00:00', 'Fast delivery, thanks');
  await insertSurvey(store, 's2', '2026-03-05 12:00:00', null);
  await insertIdea(
    store,
    'i1',
    '2026-03-06 08:00:00',
    'Dark mode in the app',
    'My eyes hurt at night',
  );
});
afterEach(() => store.close());

const rows = () => store.all<TextScoreRow>('SELECT * FROM text_scores ORDER BY kind, source_id');

describe('scoreTexts', () => {
  it('scores every non-empty text once, marks other languages unscored', async () => {
    const result = await scoreTexts(store);
    expect(result).toMatchObject({ scored: 5, unscored: 1, unchanged: 0 });
    expect(result.byKind).toEqual({ idea: 1, post: 3, survey_response: 1, ticket: 1 });
    expect(result.byLanguage).toEqual({ en: 5, de: 1 });
    const all = await rows();
    expect(all.map((r) => `${r.kind}:${r.source_id}`)).toEqual([
      'idea:i1',
      'post:p1',
      'post:p2',
      'post:p3',
      'survey_response:s1',
      'ticket:t1',
    ]);
    for (const r of all) TextScoreRow.parse(r);
    const byId = new Map(all.map((r) => [r.source_id, r]));
    expect(byId.get('p1')).toMatchObject({
      label: 'negative',
      scored: true,
      language: 'en',
      channel: 'twitter',
    });
    expect(byId.get('p1')?.aspects).toEqual(expect.arrayContaining(['delivery', 'service']));
    expect(byId.get('p2')).toMatchObject({ label: 'positive' });
    expect(byId.get('p3')).toMatchObject({
      scored: false,
      score: null,
      label: null,
      language: 'de',
      aspects: [],
    });
    expect(byId.get('t1')).toMatchObject({ label: 'negative', channel: 'email' });
    expect(byId.get('t1')?.aspects).toEqual(expect.arrayContaining(['checkout_payment']));
    expect(byId.get('i1')?.channel).toBeNull();
    expect(byId.get('t1')?.at.toISOString()).toBe('2026-03-04T09:00:00.000Z');
    const aspects = await store.all<TextAspectRow>('SELECT * FROM text_aspects');
    for (const a of aspects) TextAspectRow.parse(a);
    expect(aspects.find((a) => a.source_id === 'p1' && a.aspect === 'delivery')?.label).toBe(
      'negative',
    );
  });

  it('is incremental: only new or changed texts are scored again', async () => {
    await scoreTexts(store);
    const again = await scoreTexts(store);
    expect(again).toMatchObject({ scored: 0, unscored: 0, unchanged: 6 });
    await store.run("UPDATE posts SET text = 'Great service, thank you' WHERE source_id = 'p1'");
    await insertPosts(store, [{ id: 'p4', at: '2026-03-07 10:00:00', text: 'ok' }]);
    const third = await scoreTexts(store);
    expect(third).toMatchObject({ scored: 2, unchanged: 5 });
    const all = await rows();
    expect(all).toHaveLength(7);
    expect(all.find((r) => r.source_id === 'p1')?.label).toBe('positive');
    const stale = await store.all(
      "SELECT * FROM text_aspects WHERE source_id = 'p1' AND aspect = 'delivery'",
    );
    expect(stale).toEqual([]);
    // every run is logged (when voice was last scored)
    const runs = await store.all<{ scored: number; unchanged: number }>(
      'SELECT scored, unchanged FROM voice_runs ORDER BY computed_at',
    );
    expect(runs.slice(-2)).toEqual([
      { scored: 0, unchanged: 6 },
      { scored: 2, unchanged: 5 },
    ]);
  });

  it('re-scores on demand, per kind', async () => {
    await scoreTexts(store);
    const r = await scoreTexts(store, { kinds: ['post'], rescore: true });
    expect(r).toMatchObject({ scored: 2, unscored: 1, unchanged: 0 });
    expect(await rows()).toHaveLength(6);
  });

  it('reports progress and learns aspect terms when asked', async () => {
    const seen: number[] = [];
    const r = await scoreTexts(store, {
      batchSize: 100,
      learnTerms: true,
      onProgress: (p) => seen.push(p.fraction),
    });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect(r.learnedTerms).toBeGreaterThanOrEqual(0);
  });

  it('rejects an unknown kind with a stable code', async () => {
    await expect(scoreTexts(store, { kinds: ['tweet' as never] })).rejects.toMatchObject({
      code: 'INPUT_BAD_OPTION',
    });
  });

  it('declares text_scores with the columns of its row schema', async () => {
    const cols = await store.all<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'text_scores' ORDER BY ordinal_position",
    );
    expect(cols.map((c) => c.column_name)).toEqual(Object.keys(TextScoreRow.shape));
    const acols = await store.all<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'text_aspects' ORDER BY ordinal_position",
    );
    expect(acols.map((c) => c.column_name)).toEqual(Object.keys(TextAspectRow.shape));
  });
});
