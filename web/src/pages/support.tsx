// Support page: waits on its analysis; each section shows the "not computed yet" state until then.
import { AnalysisCard } from './pending.js';

export function SupportPage() {
  return (
    <div className="grid">
      <AnalysisCard
        title="Support"
        subtitle="Volume, first response, resolution, reopen and repeat-contact rates, and recurring issues"
        path="/api/support"
      >
        {() => null}
      </AnalysisCard>
    </div>
  );
}
