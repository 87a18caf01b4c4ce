// Every read endpoint the dashboard calls and its response type, from the route schemas.
import type {
  ChurnOverviewResponse,
  RiskListResponse,
  SurvivalResponse,
  ValueListResponse,
} from '../../src/api/routes/churn.js';
import type { IdentitySummary, ImportRunPage, RejectPage } from '../../src/api/routes/data.js';
import type {
  QuadrantTrendResponse,
  TouchpointsResponse,
} from '../../src/api/routes/experience.js';
import type { IdeaClusterResponse, TopIdeasResponse } from '../../src/api/routes/ideas.js';
import type { DiagnosisResponse, FunnelResponse } from '../../src/api/routes/journeys.js';
import type {
  MetaResponse,
  OverviewResponse,
  StatusResponse,
} from '../../src/api/routes/overview.js';
import type { ExplainResponse, PersonList, ProfileResponse } from '../../src/api/routes/persons.js';
import type { ScoreExplanationResponse } from '../../src/api/routes/scores.js';
import type { MemberList, QuadrantsResponse } from '../../src/api/routes/segments.js';
import type {
  RecurringIssuesResponse,
  SupportReportResponse,
  SupportTicketPage,
} from '../../src/api/routes/support.js';
import type { SurveyHistoryResponse, SurveysResponse } from '../../src/api/routes/surveys.js';
import type {
  VoiceStormsResponse,
  VoiceSummaryResponse,
  VoiceTopicsResponse,
} from '../../src/api/routes/voice.js';

export interface Endpoints {
  '/api/status': StatusResponse;
  '/api/meta': MetaResponse;
  '/api/overview': OverviewResponse;
  '/api/funnels': FunnelResponse;
  '/api/funnels/diagnosis': DiagnosisResponse;
  '/api/persons': PersonList;
  '/api/persons/:ref': ProfileResponse;
  '/api/identity/explain': ExplainResponse;
  '/api/quadrants': QuadrantsResponse;
  '/api/quadrants/trend': QuadrantTrendResponse;
  '/api/surveys': SurveysResponse;
  '/api/surveys/history/:ref': SurveyHistoryResponse;
  '/api/scores/:personId': ScoreExplanationResponse;
  '/api/touchpoints': TouchpointsResponse;
  '/api/segments/:name': MemberList;
  '/api/voice': VoiceSummaryResponse;
  '/api/voice/storms': VoiceStormsResponse;
  '/api/voice/topics': VoiceTopicsResponse;
  '/api/support': SupportReportResponse;
  '/api/support/issues': RecurringIssuesResponse;
  '/api/support/tickets': SupportTicketPage;
  '/api/ideas': TopIdeasResponse;
  '/api/ideas/:id': IdeaClusterResponse;
  '/api/churn': ChurnOverviewResponse;
  '/api/churn/survival': SurvivalResponse;
  '/api/churn/risk': RiskListResponse;
  '/api/churn/value': ValueListResponse;
  '/api/imports': ImportRunPage;
  '/api/imports/:id/rejects': RejectPage;
  '/api/identity/summary': IdentitySummary;
}
