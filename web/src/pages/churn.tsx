// Churn page: waits on its analysis; each section shows the "not computed yet" state until then.
import { AnalysisCard } from './pending.js';

export function ChurnPage() {
  return (
    <div className="grid">
      <AnalysisCard
        title="Retention and survival"
        subtitle="Cohort retention heat map and Kaplan–Meier survival by segment"
        path="/api/churn"
      >
        {() => null}
      </AnalysisCard>
      <AnalysisCard
        title="Risk list"
        subtitle="Customers by churn risk with drivers and value"
        path="/api/churn/risk"
      >
        {() => null}
      </AnalysisCard>
    </div>
  );
}
