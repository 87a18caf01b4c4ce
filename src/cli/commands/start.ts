// `cxlens start` (what `npm start` runs): on an empty store, build the demo company and analyse
// it; print what cxlens found; make sure the dashboard is built and a local read key exists;
// serve the API and dashboard.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createKey, findKey } from '../../ingest/tracking/keys.js';
import { readEnv } from '../../lib/config.js';
import { loadDemo, summariseFindings } from '../../pipeline/index.js';
import type { Store } from '../../store/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { printJson } from '../output.js';
import { createBar } from '../progress-bar.js';
import { ensureWebBuilt } from '../web-assets.js';
import { runAnalyses } from './demo.js';
import { parsePort, serveUntilSignal } from './serve.js';

interface StartOptions {
  port?: string;
  host?: string;
  customers: number;
  days: number;
  serve: boolean;
}

async function isEmpty(store: Store): Promise<boolean> {
  const row = await store.one<{ n: number }>(
    'SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM events) AS n',
  );
  return (row?.n ?? 0) === 0;
}

/** The dashboard's read key, kept next to the data so restarts reuse it (file mode 600). */
async function dashboardKey(store: Store, dataDir: string): Promise<string> {
  const file = join(dataDir, 'dashboard-read.key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    const found = await findKey(store, key);
    if (found && found.revoked_at === null && found.scope === 'read') return key;
  }
  const created = await createKey(store, { scope: 'read' });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${created.key}\n`, { mode: 0o600 });
  return created.key;
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'load and analyse the demo on an empty store, print the findings, serve the dashboard',
    )
    .option('--port <n>', 'port (env CXLENS_PORT, default 4600)')
    .option('--host <host>', 'address (env CXLENS_HOST, default 127.0.0.1)')
    .option(
      '--customers <n>',
      'demo size when the store is empty',
      numberOption('customers', { integer: true, min: 1 }),
      3000,
    )
    .option(
      '--days <n>',
      'demo days when the store is empty',
      numberOption('days', { integer: true, min: 1 }),
      180,
    )
    .option('--no-serve', 'print the findings and exit')
    .action(async (opts: StartOptions, cmd: Command) => {
      const g = globalOptions(cmd);
      const env = readEnv();
      const port = parsePort(opts.port, env.CXLENS_PORT);
      const started = Date.now();
      await withStore(g, async (store) => {
        if (await isEmpty(store)) {
          const bar = createBar('demo');
          await loadDemo(
            store,
            {
              customers: opts.customers,
              days: opts.days,
              outDir: resolve(env.CXLENS_DATA_DIR, 'demo'),
            },
            (stage, f) => bar.update(f, stage),
          ).finally(() => bar.stop());
          await runAnalyses(store);
        }
        const findings = await summariseFindings(store);
        if (g.json) printJson(findings);
        else process.stdout.write(`${findings.lines.join('\n')}\n`);
        process.stderr.write(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
        if (!opts.serve) return;
        if (await ensureWebBuilt()) process.stderr.write('dashboard built\n');
        const key = await dashboardKey(store, env.CXLENS_DATA_DIR);
        await serveUntilSignal(
          store,
          { port, host: opts.host ?? env.CXLENS_HOST, dataDir: env.CXLENS_DATA_DIR },
          (address) =>
            process.stdout.write(
              `\ndashboard: ${address}/#key=${key}\nAPI docs:  ${address}/docs\n(Ctrl-C to stop)\n`,
            ),
        );
      });
    });
}
