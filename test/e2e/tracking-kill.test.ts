// Durability: the real server (a child process) is killed with SIGKILL while clients are sending;
// after a restart every acknowledged messageId is in `events` exactly once, also when clients
// retry acknowledged batches after the restart.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createKey } from '../../src/ingest/tracking/index.js';
import { Store } from '../../src/store/index.js';
import { spawnServer } from './helpers/child-server.js';

const dir = mkdtempSync(join(tmpdir(), 'cx-track-kill-'));
const db = join(dir, 'x.duckdb');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const started = await spawnServer(
    ['src/cli/main.ts', '--db', db, 'serve', '--data-dir', dir, '--port', '0'],
    { env: { CXLENS_TRACKING_LOAD_INTERVAL_MS: '5' } },
  );
  children.push(started.child);
  return started;
}

function batchOf(worker: number, n: number): { ids: string[]; body: string } {
  const ids = Array.from({ length: 20 }, (_, i) => `k-${worker}-${n}-${i}`);
  const batch = ids.map((id) => ({
    type: 'track',
    event: 'Kill Test',
    messageId: id,
    anonymousId: `a-${worker}`,
  }));
  return { ids, body: JSON.stringify({ batch, sentAt: new Date().toISOString() }) };
}

it('keeps every acknowledged message exactly once across a SIGKILL', async () => {
  const store = await Store.open(db);
  const key = (await createKey(store, { scope: 'write', source: 'web' })).key;
  store.close();
  const headers = {
    'content-type': 'application/json',
    authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
  };

  const first = await startServer();
  const acked = new Set<string>();
  const ackedBodies: string[] = [];
  let sent = 0;
  let killed = false;
  const worker = async (w: number) => {
    for (let n = 0; !killed; n++) {
      const { ids, body } = batchOf(w, n);
      sent += ids.length;
      try {
        const res = await fetch(`${first.base}/v1/batch`, { method: 'POST', headers, body });
        if (res.status === 200) {
          for (const id of ids) acked.add(id);
          ackedBodies.push(body);
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  const exited = new Promise((r) => first.child.once('exit', r));
  const workers = [0, 1, 2, 3].map(worker);
  // Kill mid-stream, once plenty is acknowledged and requests are in flight.
  while (acked.size < 3000) await new Promise((r) => setTimeout(r, 5));
  first.child.kill('SIGKILL');
  killed = true;
  await exited;
  await Promise.all(workers);

  const second = await startServer();
  // Clients retry some acknowledged batches: still stored once.
  for (const body of ackedBodies.slice(-5)) {
    const res = await fetch(`${second.base}/v1/batch`, { method: 'POST', headers, body });
    expect(res.status).toBe(200);
  }
  const stopped = new Promise((r) => second.child.once('exit', r));
  second.child.kill('SIGTERM');
  expect(await stopped).toBe(0);

  const check = await Store.open(db);
  try {
    const rows = await check.all<{ source_id: string; n: number }>(
      "SELECT source_id, count(*) AS n FROM events WHERE source = 'web' GROUP BY source_id",
    );
    const counts = new Map(rows.map((r) => [r.source_id, r.n]));
    const missing = [...acked].filter((id) => !counts.has(id));
    const doubled = rows.filter((r) => r.n > 1);
    process.stderr.write(
      `kill test: sent ${sent}, acknowledged ${acked.size}, found ${rows.length} distinct (${[...acked].filter((id) => counts.get(id) === 1).length} acknowledged exactly once)\n`,
    );
    expect(missing).toEqual([]);
    expect(doubled).toEqual([]);
    expect(acked.size).toBeGreaterThanOrEqual(3000);
  } finally {
    check.close();
  }
});
