// `cxlens support …`: the support report, recurring issues, and the ticket-level export /
// drill-down. Thin: parse options, call src/metrics/support, render.
import { type Command, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { InputError } from '../../lib/errors.js';
import {
  BREACH_KINDS,
  type BreachKind,
  ISSUE_STATUSES,
  type IssueStatus,
  recurringIssues,
  supportReport,
  supportTickets,
  TICKET_COLUMNS,
} from '../../metrics/support/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { formatCell, printJson, printTable } from '../output.js';

const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? '' : `${(x * 100).toFixed(1)}%`;
const hours = (x: number | null | undefined): string =>
  x === null || x === undefined ? '' : `${x.toFixed(1)} h`;

const periodOptions = (cmd: Command): Command =>
  cmd
    .option('--from <date>', 'first day (UTC, YYYY-MM-DD; default: the first ticket)')
    .option('--to <date>', 'last day (UTC, YYYY-MM-DD; default: the last ticket)')
    .option('--category <name>', 'only this category')
    .option('--channel <name>', 'only this channel')
    .option('--priority <name>', 'only this priority')
    .option('--agent <name>', 'only this agent');

const str = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));
function periodOf(o: Record<string, unknown>) {
  const out: Record<string, string> = {};
  for (const k of ['from', 'to', 'category', 'channel', 'priority', 'agent']) {
    const v = str(o[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function registerReport(support: Command): void {
  periodOptions(support.command('report'))
    .description(
      'volume, response and resolution times, SLA, reopen and repeat-contact rates, agent time, CSAT, backlog',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  cxlens support report\n  cxlens support report --from 2026-09-01 --category account --json',
    )
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const g = globalOptions(cmd);
      const r = await withStore(g, (store) => supportReport(store, periodOf(o)));
      if (g.json) return printJson(r);
      const line = (s: string) => process.stdout.write(`${s}\n`);
      line(
        `Support ${r.period.from} … ${r.period.to}  (SLA: first response ${r.sla.firstResponseHours} h, resolution ${r.sla.resolutionHours} h)`,
      );
      printTable([
        { figure: 'tickets', value: r.tickets, detail: '' },
        {
          figure: 'customers',
          value: r.customers,
          detail: `${formatCell(r.ticketsPerCustomer)} tickets each`,
        },
        {
          figure: 'first response p50 / p90',
          value: hours(r.firstResponseHours.p50),
          detail: hours(r.firstResponseHours.p90),
        },
        {
          figure: 'resolution p50 / p90',
          value: hours(r.resolutionHours.p50),
          detail: hours(r.resolutionHours.p90),
        },
        {
          figure: 'first-response SLA breached',
          value: pct(r.firstResponseBreach.rate),
          detail: `${r.firstResponseBreach.count} (95% ${pct(r.firstResponseBreach.low)}–${pct(r.firstResponseBreach.high)})`,
        },
        {
          figure: 'resolution SLA breached',
          value: pct(r.resolutionBreach.rate),
          detail: `${r.resolutionBreach.count} (95% ${pct(r.resolutionBreach.low)}–${pct(r.resolutionBreach.high)})`,
        },
        { figure: 'reopened', value: pct(r.reopen.rate), detail: `${r.reopen.count}` },
        {
          figure: `repeat contact (${r.sla.repeatContactDays} d)`,
          value: pct(r.repeatContact.rate),
          detail: `${r.repeatContact.count}; ${r.repeatCustomers.count} customers with 2+ tickets`,
        },
        {
          figure: 'CSAT mean (n)',
          value: formatCell(r.csat.mean),
          detail: `${r.csat.n}; ${pct(r.csat.satisfiedShare)} 4–5`,
        },
        {
          figure: 'backlog (open at end)',
          value: r.backlog.open,
          detail:
            r.backlog.oldestOpenHours === null ? '' : `oldest ${hours(r.backlog.oldestOpenHours)}`,
        },
        { figure: 'handle minutes', value: r.handleMinutes, detail: '' },
      ]);
      line('\nBy category (where agent time goes)');
      printTable(
        r.byCategory.map((c) => ({
          category: c.key,
          tickets: c.tickets,
          customers: c.customers,
          handle_min: c.handleMinutes,
          time_share: pct(c.handleShare),
          frt_p50: hours(c.firstResponseP50Hours),
          res_p50: hours(c.resolutionP50Hours),
          breach: pct(c.firstResponseBreachRate),
          reopen: pct(c.reopenRate),
          csat: formatCell(c.csatMean),
          csat_n: c.csatN,
        })),
      );
      line('\nBy channel');
      printTable(
        r.byChannel.map((c) => ({
          channel: c.key,
          tickets: c.tickets,
          customers: c.customers,
          frt_p50: hours(c.firstResponseP50Hours),
          csat: formatCell(c.csatMean),
        })),
      );
      line('\nCSAT by agent');
      printTable(
        r.byAgent.map((c) => ({
          agent: c.key,
          tickets: c.tickets,
          handle_min: c.handleMinutes,
          csat: formatCell(c.csatMean),
          csat_n: c.csatN,
          reopen: pct(c.reopenRate),
        })),
      );
      if (r.spikes.length > 0) {
        line('\nVolume spikes');
        printTable(
          r.spikes.map((s) => ({
            from: s.from,
            to: s.to,
            tickets: s.tickets,
            expected: s.expected,
            z: s.z,
            top_category: s.topCategory,
          })),
        );
      }
      for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
    });
}

function registerTickets(support: Command): void {
  periodOptions(support.command('tickets'))
    .description(
      'one row per ticket (first response, resolution, reopens, CSAT, person): export or drill down',
    )
    .addOption(new Option('--breach <kind>', 'only SLA breaches').choices([...BREACH_KINDS]))
    .option('--reopened', 'only reopened tickets')
    .option('--repeat', 'only repeat contacts')
    .option('--open', 'only tickets open at the end of the period')
    .option('--person <id>', 'only this person')
    .option('--ids <list>', 'only these ticket ids (comma-separated)')
    .option(
      '--limit <n>',
      'rows to return',
      numberOption('limit', { integer: true, min: 1, max: 1_000_000 }),
      100,
    )
    .option('--offset <n>', 'rows to skip', numberOption('offset', { integer: true, min: 0 }), 0)
    .addOption(
      new Option(
        '--format <format>',
        'output format (default: table, or json with --json)',
      ).choices(['table', 'csv', 'json']),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  cxlens support tickets --category account --breach first_response\n  cxlens support tickets --limit 1000000 --format csv > tickets.csv',
    )
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const g = globalOptions(cmd);
      const filter = {
        ...periodOf(o),
        ...(o.breach ? { breach: o.breach as BreachKind } : {}),
        ...(o.reopened ? { reopened: true } : {}),
        ...(o.repeat ? { repeat: true } : {}),
        ...(o.open ? { open: true } : {}),
        ...(o.person ? { personId: String(o.person) } : {}),
        ...(o.ids
          ? {
              ticketIds: String(o.ids)
                .split(',')
                .map((s) => s.trim()),
            }
          : {}),
      };
      const r = await withStore(g, (store) =>
        supportTickets(store, {
          filter,
          limit: o.limit as number,
          offset: o.offset as number,
        }),
      );
      const format = (o.format as string | undefined) ?? (g.json ? 'json' : 'table');
      if (format === 'json') return printJson(r);
      if (format === 'csv') {
        const rows = r.rows.map((row) =>
          TICKET_COLUMNS.map((c) => {
            const v = row[c];
            return v instanceof Date ? v.toISOString() : v;
          }),
        );
        process.stdout.write(stringify([[...TICKET_COLUMNS], ...rows]));
        return;
      }
      process.stderr.write(`${r.total} tickets, ${r.customers} customers\n`);
      printTable(
        r.rows.map((t) => ({
          ticket: t.ticket_id,
          opened: t.opened_at,
          category: t.category,
          channel: t.channel,
          person: t.person_id,
          first_resp: hours(t.first_response_hours),
          resolution: hours(t.resolution_hours),
          reopened: t.reopened_count,
          csat: t.csat,
          breach: [t.first_response_breached ? 'first' : '', t.resolution_breached ? 'resol' : '']
            .filter(Boolean)
            .join('+'),
          subject: t.subject,
        })),
      );
    });
}

function registerIssues(support: Command): void {
  periodOptions(support.command('issues'))
    .description(
      'recurring issues: topic clusters of ticket subjects and bodies, marked new or rising',
    )
    .option(
      '--recent-weeks <n>',
      'recent window in weeks (default: config/support.json)',
      numberOption('recent-weeks', { integer: true, min: 1, max: 52 }),
    )
    .option(
      '--k <n>',
      'clusters before merging (default: from the ticket count)',
      numberOption('k', { integer: true, min: 2, max: 200 }),
    )
    .option('--status <list>', `only these statuses (comma-separated: ${ISSUE_STATUSES.join(',')})`)
    .option(
      '--limit <n>',
      'issues to list',
      numberOption('limit', { integer: true, min: 1, max: 1000 }),
      20,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  cxlens support issues\n  cxlens support issues --status rising,new --json',
    )
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const g = globalOptions(cmd);
      const statuses = o.status
        ? String(o.status)
            .split(',')
            .map((s) => s.trim())
        : undefined;
      for (const s of statuses ?? []) {
        if (!(ISSUE_STATUSES as readonly string[]).includes(s)) {
          throw new InputError(
            'INPUT_BAD_OPTION',
            `option --status: "${s}" is not a status (expected ${ISSUE_STATUSES.join(', ')})`,
            {
              where: { field: 'status' },
            },
          );
        }
      }
      const recentWeeks = o.recentWeeks as number | undefined;
      const k = o.k as number | undefined;
      const r = await withStore(g, (store) =>
        recurringIssues(store, {
          ...periodOf(o),
          ...(recentWeeks !== undefined ? { recentWeeks } : {}),
          ...(k !== undefined ? { k } : {}),
          ...(statuses ? { statuses: statuses as IssueStatus[] } : {}),
          limit: o.limit as number,
        }),
      );
      if (g.json) return printJson(r);
      process.stdout.write(
        `${r.tickets} tickets ${r.period.from} … ${r.period.to}; recent window ${r.recentFrom} … (${r.recentWeeks} weeks, ${r.recentTickets} tickets); ${r.clusters} issues\n`,
      );
      printTable(
        r.issues.map((i) => ({
          rank: i.rank,
          status: i.status,
          issue: i.label,
          example: i.example,
          tickets: i.tickets,
          customers: i.customers,
          recent: i.recentTickets,
          share_ratio: i.shareRatio,
          q: i.qValue,
          excess: i.excessTickets,
          handle_min: i.handleMinutes,
          category: i.topCategory,
        })),
      );
      for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
    });
}

export function registerSupport(program: Command): void {
  const support = program
    .command('support')
    .description(
      'support trends: volume, SLA, agent time, CSAT, backlog, recurring issues, ticket export',
    );
  registerReport(support);
  registerTickets(support);
  registerIssues(support);
}
