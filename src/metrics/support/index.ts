// Public surface of the support metrics: the report (volume, response and resolution times, SLA,
// reopen and repeat-contact rates, agent time, backlog, CSAT, spikes), recurring issues (topic
// clusters marked new or rising) and the ticket-level export / drill-down. API and CLI import
// only from here.
export {
  clusterTexts,
  defaultIssueK,
  type TextCluster,
  type TextClusters,
} from './cluster-texts.js';
export {
  DEFAULT_SUPPORT_CONFIG_PATH,
  type LoadSupportConfigOptions,
  loadSupportConfig,
  parseSupportConfig,
  SlaHours,
  SupportConfig,
} from './config.js';
export { TICKET_COLUMNS } from './facts.js';
export { recurringIssues } from './recurring.js';
export { supportReport } from './report.js';
export { classifyIssues, type IssueTrend, type RisingOptions, rampScores } from './rising.js';
export {
  BacklogWeek,
  BREACH_KINDS,
  BreachKind,
  BreakdownRow,
  ISSUE_STATUSES,
  IssueStatus,
  Percentiles,
  Rate,
  RecurringIssue,
  RecurringIssues,
  RecurringIssuesInput,
  SupportFilter,
  SupportReport,
  SupportReportInput,
  SupportTickets,
  SupportTicketsInput,
  TicketRow,
  VolumeRow,
  VolumeSpike,
} from './schemas.js';
export { supportTickets } from './tickets.js';
