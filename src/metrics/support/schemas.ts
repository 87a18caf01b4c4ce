// Inputs and outputs of the support metrics (schema and type share a name). The API validates
// bodies with the *Input schemas and serialises the outputs with the others; the dashboard imports
// the types. Every figure of a report carries a `filter` that `supportTickets` accepts, so any
// number drills down to its tickets.
import { z } from 'zod';

const IsoDate = z.iso.date();

export const BREACH_KINDS = ['first_response', 'resolution', 'any'] as const;
export const BreachKind = z.enum(BREACH_KINDS);
export type BreachKind = z.infer<typeof BreachKind>;

/** Which tickets: by opening day (UTC, inclusive) and any of the attributes below. */
export const SupportFilter = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  category: z.string().min(1).optional(),
  channel: z.string().min(1).optional(),
  priority: z.string().min(1).optional(),
  agent: z.string().min(1).optional(),
  personId: z.string().min(1).optional(),
  /** Only tickets that breached this SLA (answered late, or still unanswered past it). */
  breach: BreachKind.optional(),
  /** Only tickets reopened at least once (true) or never (false). */
  reopened: z.boolean().optional(),
  /** Only repeat contacts (true): opened within the repeat window after the person's previous ticket. */
  repeat: z.boolean().optional(),
  /** Only tickets still open at the end of the period (true) or resolved by then (false). */
  open: z.boolean().optional(),
  /** Only these tickets (source_id), e.g. the members of a recurring issue. */
  ticketIds: z.array(z.string()).optional(),
});
export type SupportFilter = z.infer<typeof SupportFilter>;

/** One ticket as exported and drilled into. Hours are from opening; null when not yet reached. */
export const TicketRow = z.object({
  ticket_id: z.string(),
  source: z.string(),
  person_id: z.string().nullable(),
  opened_at: z.date(),
  channel: z.string().nullable(),
  category: z.string().nullable(),
  priority: z.string().nullable(),
  agent: z.string().nullable(),
  subject: z.string().nullable(),
  first_response_at: z.date().nullable(),
  resolved_at: z.date().nullable(),
  first_response_hours: z.number().nullable(),
  resolution_hours: z.number().nullable(),
  reopened_count: z.number().int(),
  handle_minutes: z.number().nullable(),
  csat: z.number().nullable(),
  first_response_breached: z.boolean(),
  resolution_breached: z.boolean(),
  repeat_contact: z.boolean(),
  is_open: z.boolean(),
});
export type TicketRow = z.infer<typeof TicketRow>;

// ---- supportTickets ----
export const SupportTicketsInput = z.object({
  filter: SupportFilter.default({}),
  limit: z.number().int().min(1).max(1_000_000).default(100),
  offset: z.number().int().min(0).default(0),
});
export type SupportTicketsInput = z.input<typeof SupportTicketsInput>;

export const SupportTickets = z.object({
  /** Tickets matching the filter (before limit/offset). */
  total: z.number().int(),
  /** Distinct persons among them. */
  customers: z.number().int(),
  rows: z.array(TicketRow),
});
export type SupportTickets = z.infer<typeof SupportTickets>;

// ---- supportReport ----
export const SupportReportInput = SupportFilter.pick({
  from: true,
  to: true,
  category: true,
  channel: true,
  priority: true,
  agent: true,
});
export type SupportReportInput = z.input<typeof SupportReportInput>;

export const Rate = z.object({
  /** Tickets with the property. */
  count: z.number().int(),
  /** Tickets it is a share of. */
  of: z.number().int(),
  rate: z.number().nullable(),
  /** Wilson 95 % interval. */
  low: z.number().nullable(),
  high: z.number().nullable(),
  filter: SupportFilter,
});
export type Rate = z.infer<typeof Rate>;

export const Percentiles = z.object({
  /** Tickets with a value (answered / resolved). */
  n: z.number().int(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  p95: z.number().nullable(),
  mean: z.number().nullable(),
});
export type Percentiles = z.infer<typeof Percentiles>;

export const BreakdownRow = z.object({
  key: z.string(),
  tickets: z.number().int(),
  /** Distinct persons (a reopened ticket or a second ticket does not count a person twice). */
  customers: z.number().int(),
  share: z.number(),
  handleMinutes: z.number(),
  /** Share of all handle minutes in the period (where agent time goes). */
  handleShare: z.number(),
  handleMinutesPerTicket: z.number().nullable(),
  firstResponseP50Hours: z.number().nullable(),
  resolutionP50Hours: z.number().nullable(),
  firstResponseBreachRate: z.number().nullable(),
  reopenRate: z.number().nullable(),
  csatMean: z.number().nullable(),
  csatN: z.number().int(),
  filter: SupportFilter,
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const VolumeRow = z.object({
  /** Monday of the ISO week (UTC). */
  week: IsoDate,
  dimension: z.enum(['category', 'channel']),
  key: z.string(),
  tickets: z.number().int(),
  customers: z.number().int(),
});
export type VolumeRow = z.infer<typeof VolumeRow>;

export const BacklogWeek = z.object({
  /** End of the week (Sunday, UTC): tickets opened by then and not resolved by then. */
  week: IsoDate,
  open: z.number().int(),
});
export type BacklogWeek = z.infer<typeof BacklogWeek>;

export const VolumeSpike = z.object({
  from: IsoDate,
  to: IsoDate,
  tickets: z.number().int(),
  expected: z.number(),
  z: z.number(),
  topCategory: z.string().nullable(),
  filter: SupportFilter,
});
export type VolumeSpike = z.infer<typeof VolumeSpike>;

export const SupportReport = z.object({
  period: z.object({ from: IsoDate, to: IsoDate }),
  sla: z.object({
    firstResponseHours: z.number(),
    resolutionHours: z.number(),
    byPriority: z.record(
      z.string(),
      z.object({ firstResponseHours: z.number(), resolutionHours: z.number() }),
    ),
    repeatContactDays: z.number(),
  }),
  /** person_id from identity resolution, else the ticket's own customer reference. */
  personBasis: z.enum(['identity', 'source_record']),
  tickets: z.number().int(),
  customers: z.number().int(),
  ticketsPerCustomer: z.number().nullable(),
  firstResponseHours: Percentiles,
  resolutionHours: Percentiles,
  firstResponseBreach: Rate,
  resolutionBreach: Rate,
  reopen: Rate,
  repeatContact: Rate,
  /** Persons with 2+ tickets in the period among persons with any. */
  repeatCustomers: z.object({
    count: z.number().int(),
    of: z.number().int(),
    rate: z.number().nullable(),
  }),
  handleMinutes: z.number(),
  csat: z.object({
    n: z.number().int(),
    mean: z.number().nullable(),
    satisfiedShare: z.number().nullable(),
  }),
  backlog: z.object({
    open: z.number().int(),
    oldestOpenHours: z.number().nullable(),
    weekly: z.array(BacklogWeek),
    filter: SupportFilter,
  }),
  byCategory: z.array(BreakdownRow),
  byChannel: z.array(BreakdownRow),
  byAgent: z.array(BreakdownRow),
  volume: z.array(VolumeRow),
  spikes: z.array(VolumeSpike),
  notes: z.array(z.string()),
});
export type SupportReport = z.infer<typeof SupportReport>;

// ---- recurringIssues ----
export const ISSUE_STATUSES = ['new', 'rising', 'stable', 'falling'] as const;
export const IssueStatus = z.enum(ISSUE_STATUSES);
export type IssueStatus = z.infer<typeof IssueStatus>;

export const RecurringIssuesInput = SupportReportInput.extend({
  /** Recent window in weeks (default from config/support.json). */
  recentWeeks: z.number().int().min(1).max(52).optional(),
  /** Cluster count before merging (default from the ticket count). */
  k: z.number().int().min(2).max(200).optional(),
  /** Only issues with these statuses. */
  statuses: z.array(IssueStatus).optional(),
  limit: z.number().int().min(1).max(1000).default(50),
});
export type RecurringIssuesInput = z.input<typeof RecurringIssuesInput>;

export const RecurringIssue = z.object({
  /** 1-based rank in this result (rising and new first). */
  rank: z.number().int(),
  label: z.string(),
  terms: z.array(z.string()),
  /** A representative subject line. */
  example: z.string().nullable(),
  status: IssueStatus,
  tickets: z.number().int(),
  customers: z.number().int(),
  recentTickets: z.number().int(),
  baselineTickets: z.number().int(),
  /** Share of all tickets in the recent window / in the baseline. */
  recentShare: z.number().nullable(),
  baselineShare: z.number().nullable(),
  /** recentShare / baselineShare with its 95 % interval (null when the baseline is empty). */
  shareRatio: z.number().nullable(),
  ratioLow: z.number().nullable(),
  ratioHigh: z.number().nullable(),
  /** Cochran–Armitage z of the share against a ramp over the recent weeks (rising > 0). */
  trendZ: z.number(),
  /** One-sided p-value of that trend test (share rising), and its BH-adjusted q-value. */
  pValue: z.number(),
  qValue: z.number(),
  /** Recent tickets above what the baseline share predicts. */
  excessTickets: z.number(),
  firstSeen: z.date(),
  lastSeen: z.date(),
  handleMinutes: z.number(),
  topCategory: z.string().nullable(),
  /** Tickets per 7-day bin over the period (bins as in `weeks` of the result). */
  weekly: z.array(z.number().int()),
  filter: SupportFilter,
});
export type RecurringIssue = z.infer<typeof RecurringIssue>;

export const RecurringIssues = z.object({
  period: z.object({ from: IsoDate, to: IsoDate }),
  recentFrom: IsoDate,
  recentWeeks: z.number().int(),
  /** Start days of the 7-day bins of the weekly series (bins end at the period end). */
  weeks: z.array(IsoDate),
  tickets: z.number().int(),
  recentTickets: z.number().int(),
  clusters: z.number().int(),
  issues: z.array(RecurringIssue),
  notes: z.array(z.string()),
});
export type RecurringIssues = z.infer<typeof RecurringIssues>;
