// Which analyses have been computed on the store, with the command for each one that has not.
import type { ResponseOf } from '../api-client.js';
import { fmtDateTime } from '../format.js';

type Analysis = ResponseOf<'/api/status'>['analyses'][number];

export function AnalysisChecklist({ analyses }: { analyses: readonly Analysis[] }) {
  return (
    <ul className="checklist" data-testid="analyses">
      {analyses.map((a) => (
        <li key={a.name} className={a.ready ? 'ok' : 'todo'}>
          <span>{a.ready ? '✓' : '○'}</span> {a.label}
          {a.ready && a.computedAt ? (
            <span className="ran-at"> — {fmtDateTime(a.computedAt)}</span>
          ) : null}
          {a.ready ? null : (
            <>
              {' '}
              — run <code>{a.command}</code>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
