// Evidence around a change day: error events (names containing "error" or "fail", split by
// properties.error_code) before and after, overall or in one segment (an error absent before is
// flagged newSinceChange, with a null ratio); and what changed in the
// product that day: campaigns (releases first) starting near it, and page paths or variants of the
// step events first seen near it.
import type { SqlParam, Store } from '../../store/index.js';
import { rateRatioTest } from '../stats/rate-ratio.js';
import type { DesignChange, ErrorChange } from './diagnose-schemas.js';
import { dimensionSql } from './dimensions.js';

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface ErrorWindow {
  fromMs: number;
  changeMs: number;
  toMs: number;
  /** Exposure: entrants of the step before and after (errors are per entrant). */
  exposureBefore: number;
  exposureAfter: number;
  segment?: { dimension: string; value: string };
}

/** Error events before vs after the change, per entrant, with an exact rate-ratio test. */
export async function errorChanges(store: Store, w: ErrorWindow): Promise<ErrorChange[]> {
  if (w.exposureBefore <= 0 || w.exposureAfter <= 0) return [];
  const params: SqlParam[] = [w.changeMs, w.fromMs, w.toMs];
  let where = '';
  if (w.segment) {
    const d = dimensionSql(w.segment.dimension, 'e');
    where = `AND CAST(${d.sql} AS VARCHAR) = ?`;
    params.push(...d.params, w.segment.value);
  }
  const rows = await store.all<{ event: string; code: string | null; after: boolean; n: number }>(
    `SELECT e.event, json_extract_string(e.properties, '$.error_code') AS code,
            e.timestamp >= make_timestamp(?::BIGINT * 1000) AS after, count(*) AS n
     FROM events e
     WHERE (lower(e.event) LIKE '%error%' OR lower(e.event) LIKE '%fail%')
       AND e.timestamp >= make_timestamp(?::BIGINT * 1000) AND e.timestamp < make_timestamp(?::BIGINT * 1000) ${where}
     GROUP BY ALL`,
    params,
  );
  const byKey = new Map<
    string,
    { event: string; code: string | null; before: number; after: number }
  >();
  for (const r of rows) {
    const key = JSON.stringify([r.event, r.code]);
    const cur = byKey.get(key) ?? { event: r.event, code: r.code, before: 0, after: 0 };
    if (r.after) cur.after += Number(r.n);
    else cur.before += Number(r.n);
    byKey.set(key, cur);
  }
  const segment = w.segment ? `${w.segment.dimension}=${w.segment.value}` : 'all';
  return [...byKey.values()]
    .map((c) => {
      const t = rateRatioTest(c.before, w.exposureBefore, c.after, w.exposureAfter);
      // An error absent before has no finite ratio (JSON cannot carry Infinity): null, flagged new.
      const newSinceChange = c.before === 0 && c.after > 0;
      return {
        event: c.event,
        code: c.code,
        segment,
        before: c.before,
        after: c.after,
        ratio: newSinceChange ? null : t.ratio,
        newSinceChange,
        pValue: t.pGreater,
      };
    })
    .filter((c) => c.after >= 5)
    .sort(
      (a, b) =>
        Number(b.newSinceChange) - Number(a.newSinceChange) ||
        (b.newSinceChange ? a.pValue - b.pValue : (b.ratio ?? 0) - (a.ratio ?? 0)),
    )
    .slice(0, 5);
}

export interface DesignWindow {
  changeMs: number;
  /** Start of the data looked at: things first seen on its first day are not "new". */
  dataFromMs: number;
  /** Event names of the two steps of the transition. */
  stepEvents: string[];
  /** How many days either side count as "coinciding" (default 2). */
  slackDays?: number;
}

/** Releases, campaigns, page paths and variants that started or appeared near the change day. */
export async function designChanges(store: Store, w: DesignWindow): Promise<DesignChange[]> {
  const slack = (w.slackDays ?? 2) * DAY_MS;
  const lo = w.changeMs - slack;
  const hi = w.changeMs + slack + DAY_MS;
  const offset = (ms: number) => Math.floor(ms / DAY_MS) - Math.floor(w.changeMs / DAY_MS);
  const out: DesignChange[] = [];
  const campaigns = await store.all<{ name: string; kind: string; starts_at: Date }>(
    `SELECT name, kind, starts_at FROM campaigns
     WHERE starts_at >= make_timestamp(?::BIGINT * 1000) AND starts_at < make_timestamp(?::BIGINT * 1000)
     ORDER BY kind <> 'release', starts_at`,
    [lo, hi],
  );
  for (const c of campaigns) {
    const ms = c.starts_at.getTime();
    out.push({
      kind: c.kind === 'release' ? 'release' : 'campaign',
      name: c.name,
      day: day(ms),
      offsetDays: offset(ms),
    });
  }
  if (w.stepEvents.length === 0) return out;
  const marks = w.stepEvents.map(() => '?').join(', ');
  for (const column of ['page_path', 'variant'] as const) {
    const rows = await store.all<{ value: string; first_ms: number; n: number }>(
      `SELECT ${column} AS value, epoch_ms(min(timestamp)) AS first_ms, count(*) AS n FROM events
       WHERE event IN (${marks}) AND ${column} IS NOT NULL GROUP BY ${column}
       HAVING min(timestamp) >= make_timestamp(?::BIGINT * 1000) AND min(timestamp) < make_timestamp(?::BIGINT * 1000)
          AND min(timestamp) >= make_timestamp(?::BIGINT * 1000)
       ORDER BY n DESC LIMIT 5`,
      [...w.stepEvents, lo, hi, w.dataFromMs + DAY_MS],
    );
    for (const r of rows) {
      if (Number(r.n) < 20) continue;
      out.push({
        kind: column,
        name: r.value,
        day: day(Number(r.first_ms)),
        offsetDays: offset(Number(r.first_ms)),
        events: Number(r.n),
      });
    }
  }
  return out;
}
