// Rows per entity and source: what the store holds (the overview and the data page).
import type { ResponseOf } from '../api-client.js';
import { fmtNumber } from '../format.js';
import { labelOf } from '../labels.js';

type SourceCount = ResponseOf<'/api/status'>['counts'][number];

export function SourceRowsTable({
  counts,
  testId,
}: {
  counts: readonly SourceCount[];
  testId?: string;
}) {
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>Entity</th>
          <th>Source</th>
          <th className="num">Rows</th>
        </tr>
      </thead>
      <tbody>
        {counts.map((c) => (
          <tr key={`${c.entity}/${c.source}`} data-entity={c.entity} data-source={c.source}>
            <td>{labelOf(c.entity)}</td>
            <td>{c.source}</td>
            <td className="num">{fmtNumber(c.rows)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
