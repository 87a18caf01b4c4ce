// `cxlens surveys metrics | history <person>`: NPS/CSAT/CES with intervals; survey fatigue.
import type { Command } from 'commander';
import { InputError } from '../../lib/errors.js';
import {
  SurveyMetricsRequest,
  surveyHistory,
  surveyMetrics,
} from '../../metrics/experience/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { printJson, printTable } from '../output.js';

export function registerSurveys(program: Command): void {
  const surveys = program
    .command('surveys')
    .description('survey metrics and per-person survey history');
  surveys
    .command('metrics')
    .description('NPS, CSAT or CES by period, touchpoint, channel, partner, survey or segment')
    .requiredOption('--kind <kind>', 'nps, csat or ces')
    .option(
      '--by <dimension>',
      'period, touchpoint, channel, partner, survey, quadrant or country',
      'period',
    )
    .option('--period <unit>', 'week, month or quarter', 'month')
    .option('--trend', 'split every group by period with period-over-period change')
    .option('--survey <name...>', 'survey waves to combine')
    .option(
      '--min-n <n>',
      'smallest group shown as a number',
      numberOption('min-n', { integer: true, min: 1 }),
      30,
    )
    .action(
      async (
        opts: {
          kind: string;
          by: string;
          period: string;
          trend?: boolean;
          survey?: string[];
          minN: number;
        },
        cmd: Command,
      ) => {
        const parsed = SurveyMetricsRequest.safeParse({
          kind: opts.kind,
          by: opts.by,
          period: opts.period,
          trend: opts.trend ?? false,
          surveys: opts.survey,
          minN: opts.minN,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new InputError(
            'INPUT_BAD_OPTION',
            `--${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
            { where: { field: String(issue?.path[0] ?? '') } },
          );
        }
        const g = globalOptions(cmd);
        await withStore(g, async (store) => {
          const rows = await surveyMetrics(store, parsed.data);
          if (g.json) return printJson(rows);
          printTable(
            rows.map((r) => ({
              group: r.group ?? '',
              period: r.period,
              n: r.n,
              value: r.tooSmall ? 'too small' : r.value,
              low: r.low,
              high: r.high,
              change: r.change?.diff ?? null,
              p: r.change?.pValue ?? null,
              significant: r.change ? (r.change.significant ? 'yes' : 'no') : '',
            })),
          );
        });
      },
    );
  surveys
    .command('history')
    .description(
      "a person's survey invitations and answers (survey fatigue; 30/90 days before the latest activity)",
    )
    .argument('<person>', 'person id, e-mail, record key (source:id) or user id')
    .action(async (person: string, _opts: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withStore(g, async (store) => {
        const h = await surveyHistory(store, person);
        if (g.json) return printJson(h);
        process.stdout.write(
          `invitations ${h.invitations}, answers ${h.answers}, invited in the last 30 days ${h.invitedLast30Days}, 90 days ${h.invitedLast90Days}\n\n`,
        );
        printTable(h.contacts);
      });
    });
}
