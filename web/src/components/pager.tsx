// Previous / next for a paged list ({ items, total, limit, offset }); the offset lives in the URL.
import { fmtNumber } from '../format.js';

export function Pager({
  total,
  limit,
  offset,
  onOffset,
}: {
  total: number;
  limit: number;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  if (total <= limit && offset === 0) return <p className="muted">{fmtNumber(total)} in all</p>;
  const last = Math.min(offset + limit, total);
  return (
    <div className="pager">
      <button
        type="button"
        className="chip"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        ← Previous
      </button>
      <span className="muted">
        {fmtNumber(offset + 1)}–{fmtNumber(last)} of {fmtNumber(total)}
      </span>
      <button
        type="button"
        className="chip"
        disabled={last >= total}
        onClick={() => onOffset(offset + limit)}
      >
        Next →
      </button>
    </div>
  );
}
