import { createReadStream, createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { type Command, Option } from 'commander';
import { InputError } from '../../lib/errors.js';
import {
  scoreTextFile,
  scoreTexts,
  TEXT_KINDS,
  type TextKind,
  voiceStorms,
  voiceSummary,
  voiceTopics,
} from '../../metrics/voice/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { printJson, printTable } from '../output.js';
import { createBar } from '../progress-bar.js';

const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? '' : `${(x * 100).toFixed(1)}%`;

function kindsOf(value: string | undefined): TextKind[] | undefined {
  if (value === undefined) return undefined;
  const kinds = value.split(',').map((k) => k.trim());
  for (const k of kinds) {
    if (!(TEXT_KINDS as readonly string[]).includes(k)) {
      throw new InputError(
        'INPUT_BAD_OPTION',
        `option --kinds: "${k}" is not a kind of text (expected ${TEXT_KINDS.join(', ')})`,
        { where: { field: 'kinds' } },
      );
    }
  }
  return kinds as TextKind[];
}

const filterOptions = (cmd: Command): Command =>
  cmd
    .option('--from <date>', 'first day (UTC, YYYY-MM-DD)')
    .option('--to <date>', 'last day (UTC, YYYY-MM-DD)')
    .option('--channel <name>', 'only this channel');

const filterOf = (o: Record<string, unknown>) => ({
  ...(o.from ? { from: String(o.from) } : {}),
  ...(o.to ? { to: String(o.to) } : {}),
  ...(o.channel ? { channel: String(o.channel) } : {}),
});

function registerSentiment(voice: Command): void {
  voice
    .command('sentiment')
    .description(
      'score each row of a CSV or NDJSON file of texts (adds sentiment_score, sentiment_label, language)',
    )
    .argument('<file>', 'a .csv or .ndjson file, or - for stdin')
    .requiredOption('--text-column <column>', 'the column (CSV) or field (NDJSON) holding the text')
    .addOption(
      new Option(
        '--format <format>',
        'input format (default: from the file name; csv for stdin)',
      ).choices(['csv', 'ndjson']),
    )
    .option('--out <file>', 'write here instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  cxlens voice sentiment reviews.csv --text-column text > scored.csv\n  cat posts.ndjson | cxlens voice sentiment - --format ndjson --text-column body',
    )
    .action(async (file: string, o: Record<string, unknown>) => {
      const format =
        (o.format as 'csv' | 'ndjson' | undefined) ??
        (/\.(nd)?jsonl?$/i.test(file) ? 'ndjson' : 'csv');
      if (file !== '-') {
        await access(file).catch((cause: Error) => {
          throw new InputError(
            'INPUT_FILE_NOT_FOUND',
            `${file}: cannot read the file (${cause.message})`,
            {
              where: { file },
              cause,
            },
          );
        });
      }
      const input = file === '-' ? process.stdin : createReadStream(file);
      const output = o.out ? createWriteStream(String(o.out)) : process.stdout;
      await scoreTextFile(input, output, {
        format,
        textColumn: String(o.textColumn),
        fileName: file === '-' ? 'stdin' : file,
      });
      if (output !== process.stdout) {
        output.end();
        await finished(output);
      }
    });
}

export function registerVoice(program: Command): void {
  const voice = program
    .command('voice')
    .description('voice of the customer: sentiment, aspects, topics and storms');
  registerSentiment(voice);

  voice
    .command('score')
    .description(
      'score posts, tickets, survey comments and ideas into text_scores (only new or changed texts)',
    )
    .option('--kinds <list>', `comma-separated kinds (default all: ${TEXT_KINDS.join(',')})`)
    .option('--rescore', 'score every text again')
    .option('--learn-terms', 'expand the aspect taxonomy with terms learned from the texts')
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const g = globalOptions(cmd);
      const bar = createBar('voice score');
      const kinds = kindsOf(o.kinds as string | undefined);
      const result = await withStore(g, (store) =>
        scoreTexts(store, {
          ...(kinds ? { kinds } : {}),
          rescore: o.rescore === true,
          learnTerms: o.learnTerms === true,
          onProgress: (p) => bar.update(p.fraction, `${p.done}/${p.total}`),
        }),
      ).finally(() => bar.stop());
      if (g.json) return printJson(result);
      printTable(Object.entries(result.byKind).map(([kind, texts]) => ({ kind, texts })));
      process.stdout.write(
        `scored ${result.scored}, not English ${result.unscored}, already current ${result.unchanged} (${result.ms} ms)\n`,
      );
    });

  filterOptions(
    voice
      .command('summary')
      .description('sentiment trend per period and channel, aspect sentiment, languages')
      .addOption(
        new Option('--period <period>', 'trend period').choices(['day', 'week']).default('week'),
      )
      .option('--kinds <list>', 'comma-separated kinds of text (default all)'),
  ).action(async (o: Record<string, unknown>, cmd: Command) => {
    const g = globalOptions(cmd);
    const kinds = kindsOf(o.kinds as string | undefined);
    const s = await withStore(g, (store) =>
      voiceSummary(store, {
        ...filterOf(o),
        period: o.period as 'day' | 'week',
        ...(kinds ? { kinds } : {}),
      }),
    );
    if (g.json) return printJson(s);
    const row = (r: (typeof s.trend)[number] | (typeof s.aspects)[number]) => ({
      n: r.n,
      negative: pct(r.negativeShare.rate),
      'neg 95% CI': `${pct(r.negativeShare.low)}–${pct(r.negativeShare.high)}`,
      positive: pct(r.positiveShare.rate),
      mean: r.meanScore,
    });
    printTable(s.trend.map((r) => ({ period: r.period, channel: r.channel, ...row(r) })));
    process.stdout.write('\n');
    printTable(s.aspects.map((r) => ({ aspect: r.aspect, ...row(r) })));
    process.stdout.write(
      `\ntexts ${s.totals.texts}: scored ${s.totals.scored}, not English ${s.totals.unscored}${s.languages.length ? ` (${s.languages.map((l) => `${l.language} ${l.texts}`).join(', ')})` : ''}, not yet scored ${s.totals.pending}\n`,
    );
  });

  filterOptions(
    voice
      .command('topics')
      .description('recurring themes across posts, tickets and ideas, with top terms and trend')
      .option('--kinds <list>', 'comma-separated kinds of text (default post,ticket,idea)')
      .option(
        '-k, --topics <n>',
        'number of topics (default from the number of texts)',
        numberOption('topics', { integer: true, min: 1, max: 100 }),
      )
      .option('--seed <n>', 'clustering seed', numberOption('seed', { integer: true }), 42),
  ).action(async (o: Record<string, unknown>, cmd: Command) => {
    const g = globalOptions(cmd);
    const kinds = kindsOf(o.kinds as string | undefined);
    const k = o.topics as number | undefined;
    const t = await withStore(g, (store) =>
      voiceTopics(store, {
        ...filterOf(o),
        ...(kinds ? { kinds } : {}),
        ...(k === undefined ? {} : { k }),
        seed: o.seed as number,
      }),
    );
    if (g.json) return printJson(t);
    printTable(
      t.topics.map((x) => ({
        topic: x.id,
        label: x.label,
        size: x.size,
        share: pct(x.share),
        negative: pct(x.negativeShare),
        'last periods': x.trend.slice(-6).join(' '),
        example: x.examples[0]?.text ?? '',
      })),
    );
  });

  filterOptions(
    voice
      .command('storms')
      .description(
        'spikes of negative posts per channel, and whether the product or a promotion set them off',
      )
      .option(
        '--z <threshold>',
        'spike threshold on the robust z score (default 4)',
        numberOption('z', { above: 0 }),
      )
      .option(
        '--min-count <n>',
        'fewest negative posts on a spike day (default 10)',
        numberOption('min-count', { integer: true, min: 1 }),
      )
      .option(
        '--baseline-weeks <n>',
        'weeks of same-weekday history per baseline (default 8)',
        numberOption('baseline-weeks', { integer: true, min: 2, max: 52 }),
      ),
  ).action(async (o: Record<string, unknown>, cmd: Command) => {
    const g = globalOptions(cmd);
    const z = o.z as number | undefined;
    const minCount = o.minCount as number | undefined;
    const weeks = o.baselineWeeks as number | undefined;
    const s = await withStore(g, (store) =>
      voiceStorms(store, {
        ...filterOf(o),
        ...(z === undefined ? {} : { zThreshold: z }),
        ...(minCount === undefined ? {} : { minCount }),
        ...(weeks === undefined ? {} : { baselineWeeks: weeks }),
      }),
    );
    if (g.json) return printJson(s);
    printTable(
      s.storms.map((x) => ({
        channel: x.channel,
        from: x.from,
        to: x.to,
        posts: x.posts,
        'peak z': Math.max(...x.days.map((d) => d.z)),
        verdict: x.verdict,
        campaign: x.campaigns.find((c) => c.overlapsDates)?.campaignId ?? '',
        terms: x.terms
          .slice(0, 4)
          .map((t) => t.term)
          .join(', '),
      })),
    );
    for (const x of s.storms)
      process.stdout.write(`${x.channel} ${x.from}…${x.to}: ${x.explanation}\n`);
  });
}
