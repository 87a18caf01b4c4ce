// `cxlens score compute | explain <person> | trend`: experience and engagement scores per person.
import type { Command } from 'commander';
import { InputError } from '../../lib/errors.js';
import {
  computeQuadrantTrend,
  computeScores,
  explainScore,
  loadExperienceConfig,
} from '../../metrics/experience/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { printJson, printTable } from '../output.js';

export function parseAsOf(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value);
  if (Number.isNaN(d.getTime())) {
    throw new InputError(
      'INPUT_BAD_DATE',
      `--as-of "${value}" is not a date (expected YYYY-MM-DD or an ISO timestamp)`,
      { where: { field: 'as-of' } },
    );
  }
  return d;
}

export function registerScore(program: Command): void {
  const score = program
    .command('score')
    .description('experience and engagement scores (0–100) per person');
  score
    .command('compute')
    .description(
      'compute signals, scores and quadrants for every person (after `identity resolve`)',
    )
    .option('--as-of <date>', 'score as of this date (default: the latest activity)')
    .option('--config <file>', 'experience config merged over config/experience.json')
    .option(
      '--full',
      'recompute every person (default: only those whose data changed since the last run)',
    )
    .action(async (opts: { asOf?: string; config?: string; full?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      const config = loadExperienceConfig(opts.config);
      await withStore(g, async (store) => {
        const r = await computeScores(store, config, parseAsOf(opts.asOf), {
          full: opts.full === true,
        });
        if (g.json) return printJson(r);
        const how =
          r.mode === 'incremental'
            ? `incrementally: ${r.recomputed} recomputed, the others carried forward`
            : `in full (${r.fullReason})`;
        process.stdout.write(
          `scored ${r.persons} persons as of ${r.asOf.toISOString()} in ${r.ms} ms, ${how}\n\n`,
        );
        printTable(
          Object.entries(r.quadrants).map(([quadrant, persons]) => ({ quadrant, persons })),
        );
      });
    });
  score
    .command('explain')
    .description("one person's scores decomposed into their contributions")
    .argument('<person>', 'person_id')
    .action(async (person: string, _opts: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withStore(g, async (store) => {
        const e = await explainScore(store, person);
        if (g.json) return printJson(e);
        const line = (label: string, v: number) =>
          `${label.padEnd(24)}${v.toFixed(1).padStart(8)}\n`;
        process.stdout.write(
          `person ${e.personId}  quadrant ${e.quadrant}  as of ${e.asOf.toISOString()}\n\n`,
        );
        process.stdout.write(
          `experience ${e.experience.score.toFixed(1)}\n${line('  base', e.experience.base)}`,
        );
        for (const c of e.experience.contributions)
          process.stdout.write(line(`  ${c.signal} x${c.n}`, c.points));
        if (e.experience.clamp !== 0)
          process.stdout.write(line('  clamped to 0..100', e.experience.clamp));
        process.stdout.write(`\nengagement ${e.engagement.score.toFixed(1)}\n`);
        for (const c of e.engagement.contributions)
          process.stdout.write(line(`  ${c.signal} x${c.n}`, c.points));
        process.stdout.write(`\nvoice ${e.voice.total}\n`);
        for (const c of e.voice.contributions) process.stdout.write(`  ${c.signal} x${c.n}\n`);
      });
    });
  score
    .command('trend')
    .description('quadrant sizes over time and each quadrant’s later churn')
    .option(
      '--every <days>',
      'days between as-of dates',
      numberOption('every', { integer: true, min: 1 }),
      30,
    )
    .option(
      '--points <n>',
      'number of as-of dates',
      numberOption('points', { integer: true, min: 1, max: 60 }),
      6,
    )
    .option('--config <file>', 'experience config merged over config/experience.json')
    .action(async (opts: { every: number; points: number; config?: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      const config = loadExperienceConfig(opts.config);
      await withStore(g, async (store) => {
        const rows = await computeQuadrantTrend(store, config, {
          everyDays: opts.every,
          points: opts.points,
        });
        if (g.json) return printJson(rows);
        printTable(
          rows.map((r) => ({
            as_of: r.asOf,
            quadrant: r.quadrant,
            persons: r.persons,
            active: r.active,
            churned: r.churned,
            churn_rate: r.churnRate,
          })),
        );
      });
    });
}
