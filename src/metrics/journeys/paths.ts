// Paths: the most common sequences of events right after (or before) a step, per actor, anchored
// at each actor's first occurrence of the step in the period; and, in drop-off mode, what the
// actors who reached funnel step k but not k+1 did next instead. Events are labelled by name
// (page views as "page:<name>"); identify/group calls are left out. Counts are actors, shares are
// of the anchored actors. The anonymous → user link here uses every event carrying both ids.
import { InputError } from '../../lib/errors.js';
import type { SqlParam, Store } from '../../store/index.js';
import { actorSql } from './actor.js';
import { eventNames } from './funnel.js';
import { buildFunnelSql } from './funnel-sql.js';
import { PathsQuery, type PathsQueryInput, type PathsResult } from './paths-schemas.js';
import { resolveSteps, stepPredicate, windowMs } from './steps.js';

const SEP = ' → ';

function ms(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(v))
    throw new InputError('INPUT_BAD_DATE', `"${text}": not a date (expected 2024-03-01)`);
  return v;
}

export async function computePaths(store: Store, input: PathsQueryInput): Promise<PathsResult> {
  const q = PathsQuery.parse(input);
  const names = await eventNames(store);
  const actor = await actorSql(store);
  const fromMs = ms(q.from);
  const toMs = ms(q.to);
  const wMs = windowMs(q.window);
  const params: SqlParam[] = [];
  let anchorSql: string;
  let anchorLabel: string;
  if (q.funnel && q.dropOffAt !== undefined) {
    const steps = resolveSteps(q.funnel.steps, names);
    if (q.dropOffAt >= steps.length)
      throw new InputError(
        'INPUT_BAD_STEP',
        `drop-off step ${q.dropOffAt}: must be before the last step (1–${steps.length - 1})`,
      );
    const f = buildFunnelSql({
      steps,
      windowMs: windowMs(q.funnel.window),
      order: 'sequential',
      dims: [],
      byStep: 0,
      interval: undefined,
      fromMs,
      toMs,
      actor,
      withTimes: false,
      droppedAt: q.dropOffAt,
    });
    anchorSql = `SELECT actor, min(t) AS t0 FROM (${f.sql}) GROUP BY actor`;
    params.push(...f.params);
    anchorLabel = `${steps[q.dropOffAt - 1]?.label} without ${steps[q.dropOffAt]?.label}`;
  } else {
    if (!q.step)
      throw new InputError(
        'INPUT_MISSING_STEP',
        'paths: give a step (expected e.g. "Checkout Started" or page:/checkout)',
      );
    const [step] = resolveSteps([q.step], names);
    if (!step) throw new InputError('INPUT_MISSING_STEP', 'paths: no step');
    const pred = stepPredicate(step, 'e');
    anchorSql = `SELECT hash(${actor.expr}) AS actor, min(epoch_ms(e.timestamp)) AS t0 FROM events e ${actor.joins} WHERE ${pred.sql}${fromMs !== undefined ? ' AND e.timestamp >= make_timestamp(?::BIGINT * 1000)' : ''}${toMs !== undefined ? ' AND e.timestamp < make_timestamp(?::BIGINT * 1000)' : ''} GROUP BY 1`;
    params.push(
      ...pred.params,
      ...(fromMs !== undefined ? [fromMs] : []),
      ...(toMs !== undefined ? [toMs] : []),
    );
    anchorLabel = step.label;
  }
  const after = q.direction === 'after';
  const stitch = actor.stitch
    ? 'stitch AS (SELECT anonymous_id, min(user_id) AS user_id FROM events WHERE anonymous_id IS NOT NULL AND user_id IS NOT NULL GROUP BY anonymous_id), '
    : '';
  const sql = `WITH ${stitch}anchors AS (${anchorSql}),
    ev AS (SELECT hash(${actor.expr}) AS actor, epoch_ms(e.timestamp) AS ts, e.source_id,
             CASE WHEN e.type = 'page' THEN 'page:' || coalesce(e.event, e.page_path, '') ELSE coalesce(e.event, e.type) END AS label
           FROM events e ${actor.joins} WHERE e.type IN ('track', 'page', 'screen')),
    seq AS (SELECT a.actor, e.label, row_number() OVER (PARTITION BY a.actor ORDER BY e.ts ${after ? 'ASC' : 'DESC'}, e.source_id) AS pos
            FROM anchors a JOIN ev e ON e.actor = a.actor AND ${after ? 'e.ts > a.t0 AND e.ts <= a.t0 + ?' : 'e.ts < a.t0 AND e.ts >= a.t0 - ?'}),
    paths AS (SELECT actor, list(label ORDER BY pos ${after ? 'ASC' : 'DESC'}) AS path FROM seq WHERE pos <= ? GROUP BY actor)
    SELECT 'path' AS kind, array_to_string(coalesce(p.path, []), '${SEP}') AS label, count(*) AS actors FROM anchors a LEFT JOIN paths p ON p.actor = a.actor GROUP BY 2
    UNION ALL SELECT 'next', label, count(*) FROM seq WHERE pos = 1 GROUP BY 2
    UNION ALL SELECT 'total', '', count(*) FROM anchors`;
  const rows = await store.all<{ kind: string; label: string; actors: number }>(sql, [
    ...params,
    wMs,
    q.depth,
  ]);
  const total = rows.find((r) => r.kind === 'total')?.actors ?? 0;
  const share = (n: number) => (total > 0 ? n / total : 0);
  const top = (kind: string) =>
    rows
      .filter((r) => r.kind === kind)
      .sort((a, b) => b.actors - a.actors || a.label.localeCompare(b.label))
      .slice(0, q.limit);
  return {
    anchor: anchorLabel,
    direction: q.direction,
    depth: q.depth,
    actors: total,
    paths: top('path').map((r) => ({
      path: r.label ? r.label.split(SEP) : [],
      actors: r.actors,
      share: share(r.actors),
    })),
    next: top('next').map((r) => ({ label: r.label, actors: r.actors, share: share(r.actors) })),
  };
}
