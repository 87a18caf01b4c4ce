// A section whose analysis may not have run yet: it asks the API and shows the data, the
// "not computed yet — run …" state the API answers with, or the error.
import type { ReactNode } from 'react';
import { Async, Card } from '../components/states.js';
import { filtersOf, useUrlState } from '../url-state.js';
import { useApi } from '../use-api.js';

export function AnalysisCard({
  title,
  subtitle,
  path,
  testId,
  wide = true,
  children,
}: {
  title: string;
  subtitle?: string;
  path: string;
  testId?: string;
  wide?: boolean;
  children: (data: unknown) => ReactNode;
}) {
  const state = useUrlState();
  const result = useApi(path, { ...filtersOf(state) });
  return (
    <Card title={title} subtitle={subtitle} wide={wide} testId={testId}>
      <Async state={result as never}>{(d: unknown) => children(d)}</Async>
    </Card>
  );
}
