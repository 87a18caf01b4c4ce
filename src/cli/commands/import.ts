import { type Command, Option } from 'commander';
import {
  checkDateFormat,
  type ImportSummary,
  importFiles,
  parseMapArgs,
  parseSetArgs,
} from '../../ingest/index.js';
import { InputError } from '../../lib/errors.js';
import { ENTITIES, ENTITY_NAMES, resolveEntityName } from '../../schemas/index.js';
import { FileFormat } from '../../sources/index.js';
import { globalOptions, withStore } from '../context.js';
import { printJson, printTable } from '../output.js';
import { createBar } from '../progress-bar.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import CSV, TSV, JSON, NDJSON or Parquet exports into the store')
    .argument(
      '<entity>',
      `what the files hold: ${ENTITY_NAMES.join(', ')} (plurals such as orders are fine)`,
    )
    .argument('<files...>', 'files to import (all in one transaction)')
    .requiredOption('-s, --source <name>', 'the system the files come from (crm, shop, support …)')
    .option(
      '-m, --map <column=field>',
      'map a column to a field (repeatable; column=- ignores it)',
      collect,
      [],
    )
    .option(
      '--set <field=value>',
      'fill a field the file lacks with one value on every row (repeatable), e.g. --set kind=nps',
      collect,
      [],
    )
    .option(
      '--columns <names>',
      'the CSV/TSV has no header row: its column names, comma-separated, in order (they map to fields like a header)',
      (v: string) => v.split(','),
    )
    .option(
      '--row-id',
      "the file has no id column: make each row's id from its values (re-importing the same rows updates them)",
    )
    .option(
      '--order-lines',
      'orders only: each row is an order line (Shopify, WooCommerce exports); rows with the same order id become one order whose amount is the sum of its lines (an amount column, else quantity × unit price) and whose other fields are the first non-empty value; a bad line rejects its whole order',
    )
    .addOption(
      new Option('-f, --format <format>', 'file format (default: from the file name)').choices(
        FileFormat.options,
      ),
    )
    .option(
      '--delimiter <char>',
      'field delimiter for CSV (default: guessed from the header); "whitespace" for columns aligned with runs of spaces',
    )
    .option(
      '--date-format <strptime>',
      'format of dates that are not ISO 8601 or epoch, e.g. %d/%m/%Y',
    )
    .option('--no-save-mapping', 'do not remember this mapping for the source')
    .addHelpText(
      'after',
      '\nExamples:\n  cxlens import customer crm.csv --source crm\n  cxlens import order orders.csv --source shop --map "Order Ref=source_id" --date-format %d/%m/%Y\n  cxlens import order lines.csv --source shop --order-lines --map InvoiceNo=source_id\n  cxlens import event events.ndjson --source web\n  cxlens import survey nps.csv --source qualtrics --set survey=relationship-2026 --set kind=nps --row-id',
    )
    .action(
      async (entityWord: string, files: string[], opts: Record<string, unknown>, cmd: Command) => {
        const g = globalOptions(cmd);
        const name = resolveEntityName(entityWord);
        if (name === undefined) {
          throw new InputError(
            'INPUT_UNKNOWN_ENTITY',
            `"${entityWord}" is not an entity (expected one of ${ENTITY_NAMES.join(', ')})`,
          );
        }
        const entity = name;
        if (opts.dateFormat) await checkDateFormat(String(opts.dateFormat));
        const bar = createBar(`import ${entity}`);
        const summary = await withStore(g, (store) =>
          importFiles(store, {
            entity: ENTITIES[entity],
            files,
            source: String(opts.source),
            map: parseMapArgs(opts.map as string[]),
            set: parseSetArgs(opts.set as string[]),
            rowId: opts.rowId === true,
            orderLines: opts.orderLines === true,
            ...(opts.columns ? { columns: opts.columns as string[] } : {}),
            ...(opts.format ? { format: opts.format as FileFormat } : {}),
            ...(opts.delimiter ? { delimiter: String(opts.delimiter) } : {}),
            ...(opts.dateFormat ? { dateFormat: String(opts.dateFormat) } : {}),
            saveMapping: opts.saveMapping !== false,
            onProgress: (p) => bar.update(p.fraction, `${p.step} ${p.file.split('/').pop()}`),
          }),
        ).finally(() => bar.stop());
        if (g.json) printJson(summary);
        else printImportSummary(summary);
      },
    );
}

export function printImportSummary(summary: ImportSummary): void {
  printTable(
    summary.files.map((f) => ({
      file: f.file,
      read: f.rowsRead,
      inserted: f.inserted,
      updated: f.updated,
      unchanged: f.unchanged,
      rejected: f.rejected,
    })),
  );
  if (summary.orderLines) {
    const { lines, orders } = summary.orderLines;
    process.stdout.write(
      `${lines.toLocaleString('en-US')} order lines → ${orders.toLocaleString('en-US')} orders\n`,
    );
  }
  const extra = [...new Set(summary.files.flatMap((f) => f.extraColumns))];
  if (extra.length) process.stdout.write(`kept in attributes: ${extra.join(', ')}\n`);
  const ignored = [...new Set(summary.files.flatMap((f) => f.ignoredColumns))];
  if (ignored.length) process.stdout.write(`ignored columns: ${ignored.join(', ')}\n`);
  if (summary.rejects.length > 0) {
    // the store keeps a bounded number of reject rows (maxStoredRejects): say so when it cut
    const kept =
      summary.rejects.length >= summary.totals.rejected
        ? 'all'
        : `the first ${summary.rejects.length.toLocaleString('en-US')}`;
    process.stdout.write(
      `\n${summary.totals.rejected.toLocaleString('en-US')} rejected rows (first 10; ${kept} in \`cxlens rejects ${summary.importId.slice(0, 8)}\`):\n`,
    );
    printTable(
      summary.rejects.slice(0, 10).map((r) => ({
        where: `${r.file.split('/').pop()}:${r.line ?? '?'}`,
        column: r.column,
        value: r.value,
        reason: r.reason,
      })),
    );
  }
}
