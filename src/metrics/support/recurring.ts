// Recurring support issues: the period's tickets (subject + body) clustered into issues
// (cluster-texts.ts), each marked new / rising / stable / falling by its share of tickets in the
// last `recentWeeks` weeks against the weeks before (rising.ts), with weekly counts, distinct
// customers, agent time and the filter that lists its tickets.
import type { Store } from '../../store/index.js';
import { clusterTexts } from './cluster-texts.js';
import { loadSupportConfig, type SupportConfig } from './config.js';
import { DAY_MS, factsSql, hasIdentity, isoDay, resolvePeriod } from './facts.js';
import { classifyIssues, issueOrder } from './rising.js';
import { type RecurringIssue, RecurringIssues, RecurringIssuesInput } from './schemas.js';

interface TicketText {
  ticket_id: string;
  person_id: string | null;
  subject: string | null;
  body: string | null;
  opened_at: unknown;
  category: string | null;
  handle_minutes: number | null;
}

/** Recurring issues of the period, rising and new ones first. */
export async function recurringIssues(
  store: Store,
  input: RecurringIssuesInput = {},
  cfg: SupportConfig = loadSupportConfig(),
): Promise<RecurringIssues> {
  const parsed = RecurringIssuesInput.parse(input);
  const { recentWeeks: rw, k, statuses, limit, ...filter } = parsed;
  const recentWeeks = rw ?? cfg.recurring.recent_weeks;
  const period = await resolvePeriod(store, filter);
  const notes: string[] = [];
  if (!period) {
    const today = isoDay(new Date());
    return RecurringIssues.parse({
      period: { from: today, to: today },
      recentFrom: today,
      recentWeeks,
      weeks: [],
      tickets: 0,
      recentTickets: 0,
      clusters: 0,
      issues: [],
      notes: ['no tickets in the store'],
    });
  }
  const facts = factsSql(cfg, period, filter, await hasIdentity(store));
  const rows = await store.all<TicketText & Record<string, unknown>>(
    `WITH f AS (${facts.sql}) SELECT ticket_id, person_id, subject, body, opened_at, category, handle_minutes
     FROM f ORDER BY opened_at, ticket_id`,
    facts.params.values,
  );
  const endMs = period.endExclusive.getTime();
  const recentFromMs = endMs - recentWeeks * 7 * DAY_MS;
  const startMs = Date.parse(`${period.from}T00:00:00Z`);
  if (recentFromMs <= startMs) {
    notes.push(
      `the period is not longer than the recent window (${recentWeeks} weeks): nothing to compare with, every issue is "stable"`,
    );
  }
  const times = rows.map((r) => new Date(r.opened_at as string).getTime());
  const model = clusterTexts(
    rows.map((r) => `${r.subject ?? ''}. ${r.body ?? ''}`),
    {
      ...((k ?? cfg.recurring.k) ? { k: k ?? cfg.recurring.k } : {}),
      seeds: cfg.recurring.seeds,
      mergeCosine: cfg.recurring.merge_cosine,
    },
  );
  // 7-day bins ending at the period end; the recent window is the last `recentWeeks` of them.
  const weekMs = 7 * DAY_MS;
  const bins = Math.max(1, Math.ceil((endMs - startMs) / weekMs));
  const binOf = (t: number) => bins - 1 - Math.floor((endMs - 1 - t) / weekMs);
  const weeks = Array.from({ length: bins }, (_, b) =>
    isoDay(new Date(Math.max(startMs, endMs - (bins - b) * weekMs))),
  );
  const totals = new Array<number>(bins).fill(0);
  for (const t of times) totals[binOf(t)] = (totals[binOf(t)] ?? 0) + 1;
  const weeklyByIssue = model.clusters.map((c) => {
    const weekly = new Array<number>(bins).fill(0);
    for (const i of c.members) {
      const b = binOf(times[i] ?? 0);
      weekly[b] = (weekly[b] ?? 0) + 1;
    }
    return weekly;
  });
  const trends = classifyIssues(weeklyByIssue, totals, {
    recentWeeks,
    fdr: cfg.recurring.fdr,
    minRatio: cfg.recurring.min_ratio,
    minTickets: cfg.recurring.min_tickets,
  });
  const totalRecent = times.filter((t) => t >= recentFromMs).length;
  const base = { ...filter, from: period.from, to: period.to };
  const issues = model.clusters.map((c, ci) => {
    const t = trends[ci] as (typeof trends)[number];
    const members = c.members.map((i) => rows[i] as TicketText);
    const memberTimes = c.members.map((i) => times[i] ?? 0);
    const cats = new Map<string, number>();
    for (const m of members)
      cats.set(m.category ?? '(none)', (cats.get(m.category ?? '(none)') ?? 0) + 1);
    const topCategory =
      [...cats].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
    return {
      rank: 0,
      label: c.label,
      terms: c.terms,
      example: members[0]?.subject ?? null,
      status: t.status,
      tickets: members.length,
      customers: new Set(members.map((m) => m.person_id).filter((p) => p !== null)).size,
      recentTickets: t.recent,
      baselineTickets: t.baseline,
      recentShare: t.recentShare,
      baselineShare: t.baselineShare,
      shareRatio: t.shareRatio,
      ratioLow: t.ratioLow,
      ratioHigh: t.ratioHigh,
      trendZ: t.z,
      pValue: t.pValue,
      qValue: t.qValue,
      excessTickets: t.excess,
      firstSeen: new Date(Math.min(...memberTimes)),
      lastSeen: new Date(Math.max(...memberTimes)),
      handleMinutes: members.reduce((s, m) => s + (m.handle_minutes ?? 0), 0),
      topCategory,
      weekly: weeklyByIssue[ci] ?? [],
      filter: { ...base, ticketIds: members.map((m) => m.ticket_id).sort() },
    } satisfies RecurringIssue;
  });
  issues.sort((a, b) =>
    issueOrder(
      { status: a.status, excess: a.excessTickets, tickets: a.tickets },
      { status: b.status, excess: b.excessTickets, tickets: b.tickets },
    ),
  );
  const unclustered = model.assignments.filter((a) => a < 0).length;
  if (unclustered > 0)
    notes.push(`${unclustered} tickets had no term shared with others and are in no issue`);
  const kept = issues
    .filter((i) => !statuses || statuses.includes(i.status))
    .slice(0, limit)
    .map((i, idx) => ({ ...i, rank: idx + 1 }));
  return RecurringIssues.parse({
    period: { from: period.from, to: period.to },
    recentFrom: isoDay(new Date(recentFromMs)),
    recentWeeks,
    weeks,
    tickets: rows.length,
    recentTickets: totalRecent,
    clusters: model.clusters.length,
    issues: kept,
    notes,
  });
}
