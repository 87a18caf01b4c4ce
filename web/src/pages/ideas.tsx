// Ideas page: waits on its analysis; each section shows the "not computed yet" state until then.
import { AnalysisCard } from './pending.js';

export function IdeasPage() {
  return (
    <div className="grid">
      <AnalysisCard
        title="Ideas"
        subtitle="Duplicate clusters ranked by votes, voters and the value of those voters"
        path="/api/ideas"
      >
        {() => null}
      </AnalysisCard>
    </div>
  );
}
