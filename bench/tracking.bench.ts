// Tracking API throughput: autocannon posts batches of 100 events (unique messageIds, realistic
// context) to `cxlens serve` in a child process for BENCH_TRACKING_SECONDS (20) s, then to a bare
// Fastify route (JSON body parsed, no work) in a child process for the same time, in the same
// run. Reports events/s and request latency p50/p99, and the server's CPU seconds per 1,000
// events (process.cpuUsage of the server process, all its threads, DuckDB's included: less
// sensitive to a noisy machine than throughput); then checks every acknowledged event was loaded
// into DuckDB once the server drained on SIGTERM.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKey } from '../src/ingest/tracking/index.js';
import { Store } from '../src/store/index.js';
import { spawnServer } from '../test/e2e/helpers/child-server.js';
import type { BenchResult } from './types.js';

interface CannonRequest {
  body?: string;
  [key: string]: unknown;
}
interface CannonOptions {
  url: string;
  method: 'POST';
  connections: number;
  duration: number;
  headers: Record<string, string>;
  requests: { setupRequest: (req: CannonRequest) => CannonRequest }[];
}
interface CannonResult {
  '2xx': number;
  non2xx: number;
  latency: { p50: number; p99: number };
}
/** autocannon ships no types; this is the part of its API used here. */
const autocannon = createRequire(import.meta.url)('autocannon') as (
  o: CannonOptions,
) => Promise<CannonResult>;

const SECONDS = Number(process.env.BENCH_TRACKING_SECONDS ?? 20);
const BATCH = 100;
const CONNECTIONS = Number(process.env.BENCH_TRACKING_CONNECTIONS ?? 10);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

const BARE_SERVER = `
import Fastify from 'fastify';
const app = Fastify();
app.post('/v1/batch', async () => ({ success: true }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write('listening on ' + address + '\\n');
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
`;

/** A batch body split around its request number, so each request has unique messageIds. */
function bodyParts(): string[] {
  const batch = Array.from({ length: BATCH }, (_, i) => ({
    type: i % 10 === 0 ? 'page' : 'track',
    event: i % 10 === 0 ? undefined : 'Product Viewed',
    name: i % 10 === 0 ? 'Product' : undefined,
    messageId: `bench-@@-${i}`,
    anonymousId: `anon-${i % 37}`,
    userId: i % 3 === 0 ? `user-${i}` : undefined,
    timestamp: '2026-05-01T12:00:00.000Z',
    properties: { product_id: `p-${i}`, price: 19.99, currency: 'EUR' },
    context: {
      userAgent: UA,
      page: {
        url: `https://shop.example/p/${i}`,
        path: `/p/${i}`,
        referrer: 'https://google.com/',
      },
      campaign: { source: 'google', medium: 'cpc', name: 'spring' },
      locale: 'en-GB',
    },
  }));
  return JSON.stringify({ batch, sentAt: '2026-05-01T12:00:01.000Z' }).split('@@');
}

/**
 * Preloaded into each server: appends `label user+system µs` of process.cpuUsage() to the file
 * BENCH_CPU_FILE on SIGUSR2 (`mark`: sent before and after the load) and on exit (after the drain),
 * so startup (tsx compiling, opening the store) is not counted.
 */
const CPU_PROBE = `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
const file = process.env.BENCH_CPU_FILE;
const note = (label) => { const u = process.cpuUsage(); appendFileSync(file, label + ' ' + (u.user + u.system) + '\\n'); };
process.on('SIGUSR2', () => note('mark'));
process.on('exit', () => note('exit'));
`)}`;

/** CPU seconds of a probed server at each mark and at exit. */
function cpuSeconds(file: string): { marks: number[]; exit?: number } {
  const out: { marks: number[]; exit?: number } = { marks: [] };
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {}
  for (const line of text.split('\n')) {
    const [label, us] = line.split(' ');
    if (label === 'mark') out.marks.push(Number(us) / 1e6);
    if (label === 'exit') out.exit = Number(us) / 1e6;
  }
  return out;
}

async function start(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; base: string }> {
  return spawnServer(['--import', CPU_PROBE, ...args], { cwd: ROOT, env });
}

/** Asks a probed server to note its CPU time now, and waits until it did. */
async function mark(child: ChildProcess, file: string): Promise<void> {
  const before = cpuSeconds(file).marks.length;
  child.kill('SIGUSR2');
  for (let i = 0; i < 500 && cpuSeconds(file).marks.length === before; i++)
    await new Promise((r) => setTimeout(r, 10));
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface Load {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string>): Promise<Load> {
  const parts = bodyParts();
  let n = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: parts.join(`r${n++}`) }) }],
  });
  const ok = result['2xx'];
  return {
    eventsPerSecond: (ok * BATCH) / SECONDS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    non2xx: result.non2xx,
  };
}

export async function run(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cx-bench-tracking-'));
  const db = join(dir, 'x.duckdb');
  try {
    const store = await Store.open(db);
    const key = (await createKey(store, { scope: 'write', source: 'web' })).key;
    store.close();
    const auth = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };

    const serverCpu = join(dir, 'server.cpu');
    const server = await start(
      ['src/cli/main.ts', '--db', db, 'serve', '--data-dir', dir, '--port', '0'],
      { BENCH_CPU_FILE: serverCpu },
    );
    await mark(server.child, serverCpu);
    const tracking = await load(`${server.base}/v1/batch`, auth);
    await mark(server.child, serverCpu);
    const drainStart = performance.now();
    await stop(server.child);
    const drainMs = performance.now() - drainStart;

    const bareCpu = join(dir, 'bare.cpu');
    const bare = await start(['--input-type=module', '-e', BARE_SERVER], {
      BENCH_CPU_FILE: bareCpu,
    });
    await mark(bare.child, bareCpu);
    const baseline = await load(`${bare.base}/v1/batch`, auth);
    await mark(bare.child, bareCpu);
    await stop(bare.child);

    const cpu = cpuSeconds(serverCpu);
    const bareCpuS = cpuSeconds(bareCpu);
    const perK = (c: ReturnType<typeof cpuSeconds>, to: 'load' | 'exit', events: number) =>
      (((to === 'exit' ? c.exit : c.marks[1]) ?? Number.NaN) - (c.marks[0] ?? Number.NaN)) /
      (events / 1000);
    const ackedEvents = tracking.ok * BATCH;
    const bareEvents = baseline.ok * BATCH;

    const check = await Store.open(db);
    const stored =
      (await check.one<{ n: number }>("SELECT count(*) AS n FROM events WHERE source = 'web'"))
        ?.n ?? 0;
    check.close();

    return {
      topic: 'tracking',
      figures: [
        {
          name: `tracking events/s (batches of ${BATCH}, ${CONNECTIONS} conns)`,
          value: tracking.eventsPerSecond,
          unit: 'events/s',
          baseline: { name: 'bare Fastify route', value: baseline.eventsPerSecond },
          target: { op: '>=', value: 30_000 },
        },
        {
          name: 'tracking latency p50',
          value: tracking.p50,
          unit: 'ms',
          baseline: { name: 'bare', value: baseline.p50 },
        },
        {
          name: 'tracking latency p99',
          value: tracking.p99,
          unit: 'ms',
          baseline: { name: 'bare', value: baseline.p99 },
          target: { op: '<=', value: 100 },
        },
        {
          name: 'server CPU s per 1k events (load + drain)',
          value: perK(cpu, 'exit', stored),
          unit: 's',
          baseline: { name: 'bare', value: perK(bareCpuS, 'exit', bareEvents) },
        },
        {
          name: 'server CPU s per 1k events (during load)',
          value: perK(cpu, 'load', ackedEvents),
          unit: 's',
          baseline: { name: 'bare', value: perK(bareCpuS, 'load', bareEvents) },
        },
      ],
      notes: [
        `${SECONDS} s each; ${tracking.ok} batches acknowledged, ${tracking.non2xx} refused (429/other)`,
        `stored in DuckDB after drain: ${stored} of ${tracking.ok * BATCH} acknowledged events; more were answered after autocannon stopped counting (drain on SIGTERM ${Math.round(drainMs)} ms)`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
