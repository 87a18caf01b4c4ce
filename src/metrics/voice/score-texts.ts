// scoreTexts: per-text sentiment, language and aspects for posts, tickets (subject + body), survey
// comments and ideas (title + body), written to text_scores and text_aspects (007_voice.sql).
// Each text: scoreSentiment (lexicon + rules, −1..1, neutral band ±0.1; non-English texts are
// marked with their language and left unscored, score NULL) and detectAspects (sentence-level
// sentiment per aspect). Incremental: only texts without a row, or whose md5 changed, are scored;
// `rescore` scores everything again. Rows are written in batches with the DuckDB Appender, so an
// interrupted run keeps what it finished and the next run picks up the rest.
import { LIST, timestampValue, VARCHAR } from '@duckdb/node-api';
import type { Store } from '../../store/index.js';
import {
  type AspectTaxonomy,
  DEFAULT_TAXONOMY,
  detectAspects,
  expandAspectTerms,
  scoreSentiment,
} from '../../text/index.js';
import { parseInput } from './parse-input.js';
import { ScoreTextsInput, type ScoreTextsResult, type TextKind } from './schemas.js';
import { kindListSql, textsSql } from './text-sources.js';

export interface ScoreProgress {
  done: number;
  total: number;
  fraction: number;
}

export interface ScoreTextsOptions extends ScoreTextsInput {
  onProgress?: (p: ScoreProgress) => void;
}

type TodoRow = {
  kind: TextKind;
  source: string;
  source_id: string;
  at: Date;
  channel: string | null;
  text: string;
  text_hash: string;
};

const KEY = '(kind, source, source_id)';

async function dropStale(
  store: Store,
  kinds: readonly TextKind[],
  rescore: boolean,
): Promise<void> {
  const inKinds = `kind IN ${kindListSql(kinds)}`;
  if (rescore) {
    await store.run(`DELETE FROM text_aspects WHERE ${inKinds}`);
    await store.run(`DELETE FROM text_scores WHERE ${inKinds}`);
    return;
  }
  // Scores whose text changed or whose row is gone; aspect rows of an interrupted batch.
  await store.run(`CREATE OR REPLACE TEMP TABLE voice_stale AS
    SELECT s.kind, s.source, s.source_id FROM text_scores s
    LEFT JOIN voice_texts v USING ${KEY}
    WHERE s.${inKinds} AND (v.source_id IS NULL OR md5(v.text) <> s.text_hash)`);
  await store.run(`DELETE FROM text_aspects WHERE ${KEY} IN (SELECT ${KEY} FROM voice_stale)
    OR (${inKinds} AND ${KEY} NOT IN (SELECT ${KEY} FROM text_scores))`);
  await store.run(`DELETE FROM text_scores WHERE ${KEY} IN (SELECT ${KEY} FROM voice_stale)`);
  await store.run('DROP TABLE voice_stale');
}

/** Score every text without a current score (all of them with `rescore`). */
export async function scoreTexts(
  store: Store,
  options: ScoreTextsOptions = {},
): Promise<ScoreTextsResult> {
  const t0 = Date.now();
  const opts = parseInput(ScoreTextsInput, options, 'scoreTexts');
  const kinds = [...new Set(opts.kinds)];
  await store.run(`CREATE OR REPLACE TEMP VIEW voice_texts AS ${textsSql(kinds)}`);
  await dropStale(store, kinds, opts.rescore);
  await store.run(`CREATE OR REPLACE TEMP TABLE voice_todo AS
    SELECT v.*, md5(v.text) AS text_hash, row_number() OVER (ORDER BY v.kind, v.source, v.source_id) AS rn
    FROM voice_texts v ANTI JOIN text_scores s USING ${KEY}`);
  const total = Number((await store.one<{ n: number }>('SELECT count(*) AS n FROM voice_todo'))?.n);
  const current = await store.one<{ n: number }>(
    `SELECT count(*) AS n FROM text_scores WHERE kind IN ${kindListSql(kinds)}`,
  );

  let taxonomy: AspectTaxonomy = opts.taxonomy ?? DEFAULT_TAXONOMY;
  let learnedTerms = 0;
  if (opts.learnTerms && total > 0) {
    const texts = (await store.all<{ text: string }>('SELECT text FROM voice_todo')).map(
      (r) => r.text,
    );
    const before = Object.values(taxonomy).reduce((a, t) => a + t.length, 0);
    taxonomy = expandAspectTerms(texts, taxonomy);
    learnedTerms = Object.values(taxonomy).reduce((a, t) => a + t.length, 0) - before;
  }

  const result: ScoreTextsResult = {
    scored: 0,
    unscored: 0,
    unchanged: current?.n ?? 0,
    byKind: {},
    byLanguage: {},
    learnedTerms,
    ms: 0,
  };
  const listType = LIST(VARCHAR);
  options.onProgress?.({ done: 0, total, fraction: total === 0 ? 1 : 0 });
  for (let start = 0; start < total; start += opts.batchSize) {
    const rows = await store.all<TodoRow>(
      'SELECT kind, source, source_id, "at", channel, text, text_hash FROM voice_todo WHERE rn > ? AND rn <= ? ORDER BY rn',
      [start, start + opts.batchSize],
    );
    const scores = await store.conn.createAppender('text_scores');
    const aspects = await store.conn.createAppender('text_aspects');
    for (const r of rows) {
      const s = scoreSentiment(r.text);
      const mentions = s.scored ? detectAspects(r.text, taxonomy) : [];
      scores.appendVarchar(r.kind);
      scores.appendVarchar(r.source);
      scores.appendVarchar(r.source_id);
      scores.appendTimestamp(timestampValue(BigInt(r.at.getTime()) * 1000n));
      if (r.channel === null) scores.appendNull();
      else scores.appendVarchar(r.channel);
      scores.appendVarchar(s.language);
      scores.appendBoolean(s.scored);
      if (s.scored) {
        scores.appendDouble(s.score);
        scores.appendVarchar(s.label);
      } else {
        scores.appendNull();
        scores.appendNull();
      }
      scores.appendList(
        mentions.map((m) => m.aspect),
        listType,
      );
      scores.appendVarchar(r.text_hash);
      scores.endRow();
      for (const m of mentions) {
        aspects.appendVarchar(r.kind);
        aspects.appendVarchar(r.source);
        aspects.appendVarchar(r.source_id);
        aspects.appendVarchar(m.aspect);
        aspects.appendDouble(m.score);
        aspects.appendVarchar(m.label);
        aspects.endRow();
      }
      if (s.scored) result.scored++;
      else result.unscored++;
      result.byKind[r.kind] = (result.byKind[r.kind] ?? 0) + 1;
      result.byLanguage[s.language] = (result.byLanguage[s.language] ?? 0) + 1;
    }
    // Aspects first: a batch cut short leaves aspect rows without a score, which the next run drops.
    aspects.closeSync();
    scores.closeSync();
    const done = Math.min(total, start + opts.batchSize);
    options.onProgress?.({ done, total, fraction: done / total });
  }
  await store.run('DROP TABLE IF EXISTS voice_todo');
  result.ms = Date.now() - t0;
  await store.run('INSERT INTO voice_runs VALUES (now()::TIMESTAMP, ?, ?, ?, ?)', [
    result.scored,
    result.unscored,
    result.unchanged,
    result.ms,
  ]);
  return result;
}
