// Loading, empty and error states, and <Async>, which picks one of them or renders the data.
// An analysis that has not run yet (API code NOT_COMPUTED) shows the command that computes it.
import type { ReactNode } from 'react';
import type { ApiError } from '../api-client.js';
import { ALL_DATA } from '../filter-scope.js';
import { useReveal } from '../reveal.js';
import type { ApiState } from '../use-api.js';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" data-state="empty">
      <strong>{title}</strong>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

export function ErrorState({ error }: { error: ApiError }) {
  if (error.isNotComputed) {
    const command = /`([^`]+)`/.exec(error.message)?.[1];
    return (
      <div className="state state-empty" data-state="not-computed">
        <strong>{error.message.split(':')[0]}: not computed yet</strong>
        {command ? (
          <div>
            Run <code>{command}</code> on this store, then reload.
          </div>
        ) : (
          <div>{error.message}</div>
        )}
      </div>
    );
  }
  return (
    <div className="state state-error" role="alert" data-state="error">
      <strong>{error.isAuth ? 'Not authorised' : 'Could not load this part'}</strong>
      <div>
        {error.message} <code>{error.code}</code>
      </div>
      {error.isAuth ? (
        <div>
          Open the dashboard with a read key: <code>/#key=…</code> (create one with{' '}
          <code>cxlens keys create --scope read</code>).
        </div>
      ) : null}
    </div>
  );
}

export function Async<T>({
  state,
  isEmpty,
  empty,
  loading,
  children,
}: {
  state: ApiState<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loading?: string;
  children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <Loading label={loading} />;
  if (state.status === 'error') return <ErrorState error={state.error} />;
  if (isEmpty?.(state.data)) return <>{empty ?? <Empty title="Nothing in this period" />}</>;
  return <>{children(state.data)}</>;
}

export function Card({
  title,
  subtitle,
  children,
  wide,
  testId,
  ignoresPeriod,
  revealId,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
  /** The card shows all data although the page follows the period: a note says so (or this text). */
  ignoresPeriod?: boolean | string;
  /** Scroll here and focus the heading after requestReveal(revealId) (a drill-down's card). */
  revealId?: string;
}) {
  const ref = useReveal<HTMLElement>(revealId);
  return (
    <section ref={ref} className={wide ? 'card card-wide' : 'card'} data-testid={testId}>
      <header>
        <h2 tabIndex={revealId ? -1 : undefined}>{title}</h2>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
        {ignoresPeriod ? (
          <p className="scope-note" data-scope="all-data">
            {typeof ignoresPeriod === 'string' ? ignoresPeriod : ALL_DATA}
          </p>
        ) : null}
      </header>
      {children}
    </section>
  );
}
