// Data: did the data load right? Rows per entity and source and the analyses computed
// (/api/status), every import with its counts (/api/imports) and, on a click, the rows it rejected
// (/api/imports/:id/rejects, ?imp=…&rjoff=…), and identity resolution and the latest score run
// (/api/identity/summary). All of it covers the whole store, so the page takes no period.
import type { ResponseOf } from '../api-client.js';
import { AnalysisChecklist } from '../components/analysis-checklist.js';
import { PagedTable } from '../components/paged-table.js';
import { SourceRowsTable } from '../components/source-rows-table.js';
import { Stat } from '../components/stat.js';
import { Async, Card, Empty } from '../components/states.js';
import { fmtDateTime, fmtNumber } from '../format.js';
import { labelOf } from '../labels.js';
import { requestReveal } from '../reveal.js';
import { hrefWith, useUrlState } from '../url-state.js';
import { useApi } from '../use-api.js';

const LIMIT = 20;
/** The rejects card, revealed when an import's rejected count is clicked. */
const REJECTS = 'rejects';

type Status = ResponseOf<'/api/status'>;

/** A file's name without its directory (the full path is in the title). */
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

function FileName({ path }: { path: string }) {
  return <span title={path}>{baseName(path)}</span>;
}

function RowsCard({ s }: { s: Status }) {
  const total = s.counts.reduce((n, c) => n + c.rows, 0);
  return (
    <Card title="Rows per entity and source" subtitle={`${fmtNumber(total)} rows in ${s.store}`}>
      {s.counts.length === 0 ? (
        <Empty title="No rows loaded">
          Every import so far was rejected: see its rejects under Imports.
        </Empty>
      ) : (
        <SourceRowsTable counts={s.counts} testId="rows" />
      )}
    </Card>
  );
}

function AnalysesCard({ s }: { s: Status }) {
  const summary = useApi('/api/identity/summary');
  const run = summary.status === 'ready' ? summary.data.scoreRun : null;
  return (
    <Card title="Analyses" subtitle="What has been computed on this store">
      <AnalysisChecklist analyses={s.analyses} />
      <Async state={summary}>
        {() =>
          run ? (
            <p className="muted" data-testid="score-run">
              Scores computed {fmtDateTime(run.computedAt)} as of {fmtDateTime(run.asOf)} for{' '}
              {fmtNumber(run.persons)} customers;{' '}
              {run.mode === 'incremental'
                ? `${fmtNumber(run.recomputed)} recomputed, the others carried forward; `
                : 'all recomputed; '}
              {fmtNumber(run.unattributed)} activity rows matched no customer.
            </p>
          ) : (
            <p className="muted" data-testid="score-run">
              No score run yet.
            </p>
          )
        }
      </Async>
    </Card>
  );
}

function IdentityCard() {
  const summary = useApi('/api/identity/summary');
  return (
    <Card
      wide
      title="Identity"
      subtitle="Customer records from every source, resolved into persons"
      testId="identity"
    >
      <Async state={summary}>
        {(d) => (
          <>
            <div className="kpis">
              <Stat label="Records" value={fmtNumber(d.records)} testId="records" />
              <Stat label="Persons" value={fmtNumber(d.persons)} testId="persons" />
              <Stat
                label="Known only from activity"
                value={fmtNumber(d.activityRecords)}
                sub="records with no customer row"
                testId="activity-records"
              />
              {d.lastRun ? (
                <>
                  <Stat
                    label="Last run"
                    value={labelOf(d.lastRun.mode)}
                    sub={`${fmtDateTime(d.lastRun.finishedAt)}; ${fmtNumber(d.lastRun.records)} records → ${fmtNumber(d.lastRun.persons)} persons`}
                    testId="last-run"
                  />
                  <Stat label="Merges" value={fmtNumber(d.lastRun.merges)} testId="merges" />
                  <Stat label="Splits" value={fmtNumber(d.lastRun.splits)} testId="splits" />
                </>
              ) : null}
            </div>
            {d.lastRun ? null : (
              <Empty title="Identities not resolved yet">
                Run <code>cxlens identity resolve</code> on this store, then reload.
              </Empty>
            )}
          </>
        )}
      </Async>
    </Card>
  );
}

function ImportsCard() {
  const state = useUrlState();
  const offset = Number(state.get('imoff') ?? 0) || 0;
  const chosen = state.get('imp');
  const imports = useApi('/api/imports', { limit: LIMIT, offset });
  const open = (id: string) => {
    requestReveal(REJECTS);
    state.set({ imp: id, rjoff: undefined });
  };
  return (
    <Card wide title="Imports" subtitle="Newest first; click a rejected count to see those rows">
      <PagedTable
        state={imports}
        testId="imports"
        shouldScroll
        empty={<Empty title="No imports yet" />}
        columns={[
          { head: 'Started', cell: (i) => fmtDateTime(i.startedAt) },
          { head: 'Entity', cell: (i) => labelOf(i.entity) },
          { head: 'Source', cell: (i) => i.source },
          {
            head: 'Files',
            cell: (i) =>
              i.files.map((f, n) => (
                <span key={f}>
                  {n > 0 ? ', ' : null}
                  <FileName path={f} />
                </span>
              )),
          },
          { head: 'Inserted', isNumeric: true, cell: (i) => fmtNumber(i.inserted) },
          { head: 'Updated', isNumeric: true, cell: (i) => fmtNumber(i.updated) },
          { head: 'Unchanged', isNumeric: true, cell: (i) => fmtNumber(i.unchanged) },
          {
            head: 'Rejected',
            isNumeric: true,
            isBad: (i) => i.rejected > 0,
            cell: (i) =>
              i.rejected > 0 ? (
                <a
                  href={hrefWith({ imp: i.importId, rjoff: undefined })}
                  data-import={i.importId}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    open(i.importId);
                  }}
                >
                  {fmtNumber(i.rejected)}
                </a>
              ) : (
                fmtNumber(i.rejected)
              ),
          },
          { head: 'Status', cell: (i) => labelOf(i.status) },
        ]}
        rowKey={(i) => i.importId}
        rowClass={(i) => (i.importId === chosen ? 'selected' : undefined)}
        onOffset={(o) => state.set({ imoff: String(o) })}
      />
    </Card>
  );
}

function RejectsCard({ id }: { id: string }) {
  const state = useUrlState();
  const offset = Number(state.get('rjoff') ?? 0) || 0;
  const rejects = useApi<'/api/imports/:id/rejects'>(
    `/api/imports/${encodeURIComponent(id)}/rejects`,
    { limit: LIMIT, offset },
  );
  const run = rejects.status === 'ready' ? rejects.data.import : undefined;
  return (
    <Card
      wide
      title={run ? `Rejects: ${labelOf(run.entity)} from ${run.source}` : 'Rejects'}
      subtitle={
        <>
          Import {id.slice(0, 8)}; the same rows as <code>cxlens rejects {id.slice(0, 8)}</code>
        </>
      }
      testId="rejects"
      revealId={REJECTS}
    >
      <p className="actions">
        <button
          type="button"
          className="chip"
          onClick={() => state.set({ imp: undefined, rjoff: undefined })}
        >
          Close ✕
        </button>
      </p>
      <PagedTable
        state={rejects}
        shouldScroll
        empty={<Empty title="This import rejected no rows" />}
        intro={(d) => (
          <p className="muted">
            {fmtNumber(d.import.rejected)} rows rejected
            {d.total < d.import.rejected ? `; the first ${fmtNumber(d.total)} are stored` : ''}
          </p>
        )}
        columns={[
          {
            head: 'Where',
            cell: (r) => (
              <span className="nowrap" title={r.file}>
                {baseName(r.file)}
                {r.line === null ? '' : `:${r.line}`}
              </span>
            ),
          },
          { head: 'Column', cell: (r) => r.column ?? '—' },
          { head: 'Value', cell: (r) => (r.value === null ? '—' : <code>{r.value}</code>) },
          {
            head: 'Reason',
            cell: (r) => (
              <>
                {r.reason} <small className="muted">{r.code}</small>
              </>
            ),
          },
        ]}
        rowKey={(r) => `${r.file}:${r.line ?? ''}:${r.column ?? ''}:${r.code}`}
        onOffset={(o) => state.set({ rjoff: String(o) })}
      />
    </Card>
  );
}

export function DataPage() {
  const state = useUrlState();
  const status = useApi('/api/status');
  const chosen = state.get('imp');
  return (
    <Async
      state={status}
      isEmpty={(s) => s.counts.length === 0 && s.imports.length === 0}
      empty={
        <Card title="No data yet">
          <p>
            This store is empty. Load the demo with <code>cxlens demo</code> or import your files
            with <code>cxlens import &lt;entity&gt; &lt;files…&gt; --source &lt;name&gt;</code>.
          </p>
        </Card>
      }
    >
      {(s) => (
        <div className="grid" data-testid="data">
          <RowsCard s={s} />
          <AnalysesCard s={s} />
          <ImportsCard />
          {chosen ? <RejectsCard id={chosen} /> : null}
          <IdentityCard />
        </div>
      )}
    </Async>
  );
}
