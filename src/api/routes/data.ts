// What was loaded and what was computed from it, for the dashboard's Data page:
//   GET /api/imports               every import run, newest first, paged (with files and unchanged,
//                                  which /api/status's ImportRun leaves out)
//   GET /api/imports/:id/rejects   the rows one import rejected, paged (listRejects; an id prefix
//                                  works as in `cxlens rejects`)
//   GET /api/identity/summary      records, persons, activity-only records, the latest identity
//                                  run with its merges and splits, and the latest score run
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { countActivityRecords } from '../../identity/index.js';
import { listRejects } from '../../ingest/index.js';
import { InternalError } from '../../lib/errors.js';
import { listImports, type Store } from '../../store/index.js';
import type { ServerOptions } from '../server.js';
import { requireReadKey } from './read-access.js';
import { PageQuery, pageOf } from './read-query.js';

export const ImportRunRow = z.object({
  importId: z.string(),
  entity: z.string(),
  source: z.string(),
  files: z.array(z.string()).describe('the files as given to `cxlens import`'),
  startedAt: z.string(),
  finishedAt: z.string().nullable().describe('null while running or when it failed'),
  read: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int().describe('every rejected row (stored rejects may be capped per file)'),
  status: z.string(),
});
export const ImportRunPage = pageOf(ImportRunRow);
export type ImportRunPage = z.infer<typeof ImportRunPage>;

export const RejectItem = z.object({
  file: z.string(),
  line: z.number().int().nullable().describe('1-based line in the file (the header is line 1)'),
  column: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  reason: z.string(),
});
export const RejectPage = pageOf(RejectItem).extend({
  import: z.object({
    importId: z.string(),
    entity: z.string(),
    source: z.string(),
    rejected: z.number().int().describe('rows it rejected; total counts only the stored ones'),
  }),
});
export type RejectPage = z.infer<typeof RejectPage>;

export const IdentityRun = z.object({
  runId: z.string(),
  mode: z.string().describe('full | incremental'),
  startedAt: z.string(),
  finishedAt: z.string(),
  records: z.number().int(),
  persons: z.number().int(),
  merges: z.number().int().describe('persons that took in records of several earlier persons'),
  splits: z.number().int().describe('earlier persons whose records now belong to several'),
});
export const ScoreRun = z.object({
  runId: z.string(),
  asOf: z.string(),
  computedAt: z.string(),
  persons: z.number().int(),
  unattributed: z.number().int().describe('activity rows no person could be found for'),
  mode: z
    .enum(['full', 'incremental'])
    .describe('incremental: only the persons whose data changed were recomputed'),
  recomputed: z.number().int().describe('persons whose signals the run computed'),
});
export const IdentitySummary = z.object({
  records: z.number().int().describe('identity records (customer rows and activity-only keys)'),
  persons: z.number().int(),
  activityRecords: z
    .number()
    .int()
    .describe('records known only from activity: no customers row of that source and id'),
  lastRun: IdentityRun.nullable().describe('null before the first `cxlens resolve`'),
  scoreRun: ScoreRun.nullable().describe('null before the first `cxlens score`'),
});
export type IdentitySummary = z.infer<typeof IdentitySummary>;

async function importRuns(store: Store, page: PageQuery) {
  return { ...(await listImports(store, page)), limit: page.limit, offset: page.offset };
}

async function rejectPage(store: Store, id: string, page: PageQuery) {
  const { run, rows } = await listRejects(store, {
    importId: id,
    limit: page.limit,
    offset: page.offset,
  });
  // An id is always given, so listRejects answers the import or throws NOT_FOUND_IMPORT.
  if (!run) throw new InternalError('INTERNAL', `import "${id}": listRejects found no run`);
  const stored = await store.one<{ n: number }>(
    'SELECT count(*) AS n FROM rejects WHERE import_id = ?',
    [run.importId],
  );
  return {
    import: run,
    items: rows.map((r) => ({
      file: r.file,
      line: r.line,
      column: r.column,
      value: r.value,
      code: r.code,
      reason: r.reason,
    })),
    total: stored?.n ?? 0,
    limit: page.limit,
    offset: page.offset,
  };
}

async function identitySummary(store: Store): Promise<IdentitySummary> {
  const counts = await store.one<{ records: number; persons: number }>(
    'SELECT (SELECT count(*) FROM identity_records) AS records, (SELECT count(*) FROM persons) AS persons',
  );
  const run = await store.one<{
    runId: string;
    mode: string;
    startedAt: Date;
    finishedAt: Date;
    records: number;
    persons: number;
  }>(
    `SELECT run_id AS "runId", mode, started_at AS "startedAt", finished_at AS "finishedAt", records, persons
     FROM identity_runs ORDER BY finished_at DESC LIMIT 1`,
  );
  // Counted from the log (what assign-persons writes per run), not from the run's stats JSON.
  const log = run
    ? await store.one<{ merges: number; splits: number }>(
        `SELECT count(*) FILTER (WHERE action = 'merge') AS merges,
           count(*) FILTER (WHERE action = 'split') AS splits
         FROM identity_log WHERE run_id = ?`,
        [run.runId],
      )
    : undefined;
  const score = await store.one<{
    runId: string;
    asOf: Date;
    computedAt: Date;
    persons: number;
    unattributed: number;
    mode: 'full' | 'incremental';
    recomputed: number;
  }>(
    `SELECT run_id AS "runId", as_of AS "asOf", computed_at AS "computedAt", persons, unattributed,
       coalesce(mode, 'full') AS mode, coalesce(recomputed, persons) AS recomputed
     FROM score_runs ORDER BY computed_at DESC LIMIT 1`,
  );
  return {
    records: counts?.records ?? 0,
    persons: counts?.persons ?? 0,
    activityRecords: await countActivityRecords(store),
    lastRun: run
      ? {
          ...run,
          startedAt: run.startedAt.toISOString(),
          finishedAt: run.finishedAt.toISOString(),
          merges: log?.merges ?? 0,
          splits: log?.splits ?? 0,
        }
      : null,
    scoreRun: score
      ? {
          ...score,
          asOf: score.asOf.toISOString(),
          computedAt: score.computedAt.toISOString(),
        }
      : null,
  };
}

export const dataRoutes: FastifyPluginAsync<ServerOptions> = async (app, options) => {
  const { store } = options;
  app.addHook('onRequest', requireReadKey(options));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/imports',
    {
      schema: {
        tags: ['data'],
        summary: 'Import runs, newest first: files and inserted / updated / unchanged / rejected',
        security: [{ readKey: [] }],
        querystring: PageQuery,
        response: { 200: ImportRunPage },
      },
    },
    async (request) => importRuns(store, request.query),
  );

  r.get(
    '/api/imports/:id/rejects',
    {
      schema: {
        tags: ['data'],
        summary: 'The rows one import rejected: file, line, column, value and reason',
        security: [{ readKey: [] }],
        params: z.object({
          id: z.string().min(1).max(100).describe('an import id or its first characters'),
        }),
        querystring: PageQuery,
        response: { 200: RejectPage },
      },
    },
    async (request) => rejectPage(store, request.params.id, request.query),
  );

  r.get(
    '/api/identity/summary',
    {
      schema: {
        tags: ['data'],
        summary: 'Identity records and persons, the latest identity run and the latest score run',
        security: [{ readKey: [] }],
        response: { 200: IdentitySummary },
      },
    },
    async () => identitySummary(store),
  );
};
