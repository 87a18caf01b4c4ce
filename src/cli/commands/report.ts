// `cxlens report overview`: every KPI and score for all persons (after `score compute`).
import type { Command } from 'commander';
import { overviewReport } from '../../metrics/experience/index.js';
import { globalOptions, withStore } from '../context.js';
import { printJson, printTable } from '../output.js';

export function registerReport(program: Command): void {
  const report = program.command('report').description('reports over the analysed store');
  report
    .command('overview')
    .description('experience, engagement, quadrants, signals, surveys, partners and touchpoints')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withStore(g, async (store) => {
        const o = await overviewReport(store);
        if (g.json) return printJson(o);
        const out = process.stdout;
        out.write(
          `persons ${o.persons}   as of ${o.asOf?.toISOString() ?? '(not scored: run `cxlens score compute`)'}\n\n`,
        );
        printTable([
          { score: 'experience', ...o.experience },
          { score: 'engagement', ...o.engagement },
        ]);
        out.write('\nquadrants\n');
        printTable(o.quadrants);
        const s = o.surveys;
        out.write('\nsurveys\n');
        printTable([
          { metric: 'NPS', n: s.nps.n, value: s.nps.nps, low: s.nps.low, high: s.nps.high },
          {
            metric: 'CSAT (top-2-box)',
            n: s.csat.n,
            value: s.csat.csat,
            low: s.csat.low,
            high: s.csat.high,
          },
          { metric: 'CES (1–7)', n: s.ces.n, value: s.ces.mean, low: s.ces.low, high: s.ces.high },
        ]);
        out.write('\nsignals\n');
        printTable(o.signals);
        out.write('\npartners\n');
        printTable(
          o.partners.map((p) => ({
            partner: p.partnerId,
            name: p.name,
            deliveries: p.deliveries,
            late_rate: p.lateRate.rate,
            others: p.lateRateOthers,
            poor: p.poor,
            csat: p.csat.tooSmall ? 'too small' : p.csat.value,
            experience: p.meanExperience,
          })),
        );
        out.write('\ntouchpoints\n');
        printTable(
          o.touchpoints.map((t) => ({
            touchpoint: t.touchpoint,
            persons: t.personsAffected,
            occurrences: t.occurrences,
            experience_affected: t.meanExperienceAffected,
            experience_all: t.meanExperienceAll,
            csat: t.csat.tooSmall ? 'too small' : t.csat.value,
          })),
        );
      });
    });
}
