// `cxlens voice …` as a user runs it: sentiment for a CSV or NDJSON file of texts (stdout, --out,
// stdin), the located error for a missing text column (exit 2), and score / summary / topics /
// storms on a small store.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPosts, type TestPost } from '../../src/metrics/voice/testing.js';
import { Store } from '../../src/store/index.js';

let dir: string;
const cxlens = (args: string[], input?: string) =>
  spawnSync('node_modules/.bin/tsx', ['src/cli/main.ts', ...args], {
    encoding: 'utf8',
    ...(input === undefined ? {} : { input }),
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cxlens-voice-cli-'));
  await writeFile(
    join(dir, 'reviews.csv'),
    'id,text,stars\n1,"Love it, works great!",5\n2,"Broken on arrival, useless",1\n3,"Le produit est arrivé cassé et le service client ne répond pas",1\n',
  );
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('cxlens voice sentiment', () => {
  it('writes each CSV row with its score, label and language', () => {
    const r = cxlens(['voice', 'sentiment', join(dir, 'reviews.csv'), '--text-column', 'text']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,text,stars,sentiment_score,sentiment_label,language');
    expect(lines[1]).toMatch(/^1,"Love it, works great!",5,0\.\d+,positive,en$/);
    expect(lines[2]).toMatch(/^2,"Broken on arrival, useless",1,-0\.\d+,negative,en$/);
    expect(lines[3]).toMatch(/,1,,,fr$/);
  });

  it('reads NDJSON from stdin and writes --out', async () => {
    const out = join(dir, 'scored.ndjson');
    const r = cxlens(
      ['voice', 'sentiment', '-', '--format', 'ndjson', '--text-column', 'body', '--out', out],
      '{"id":"a","body":"terrible support"}\n{"id":"b","body":"thanks, great help"}\n',
    );
    expect(r.status).toBe(0);
    const rows = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((x) => [x.id, x.sentiment_label, x.language])).toEqual([
      ['a', 'negative', 'en'],
      ['b', 'positive', 'en'],
    ]);
  });

  it('a missing text column is one located line on stderr and exit 2', () => {
    const r = cxlens(['voice', 'sentiment', join(dir, 'reviews.csv'), '--text-column', 'comment']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /reviews\.csv:1 column "comment": not found .*"text".*\[INPUT_MISSING_COLUMN\]$/,
    );
    const missing = cxlens(['voice', 'sentiment', join(dir, 'nope.csv'), '--text-column', 'text']);
    expect(missing.status).toBe(2);
  });
});

describe('cxlens voice score / summary / topics / storms', () => {
  it('fills text_scores and prints the tables', async () => {
    const db = join(dir, 'small.duckdb');
    const store = await Store.open(db);
    const posts: TestPost[] = [];
    for (let d = 1; d <= 28; d++) {
      const at = `2026-02-${String(d).padStart(2, '0')} 10:00:00`;
      posts.push({ id: `a${d}`, at, text: 'the delivery was late again, annoying' });
      posts.push({
        id: `b${d}`,
        at,
        channel: 'facebook',
        text: 'love the new lamp, great quality',
      });
    }
    await insertPosts(store, posts);
    store.close();
    const score = cxlens(['--db', db, 'voice', 'score']);
    expect(score.status).toBe(0);
    expect(score.stdout).toMatch(/post\s+56/);
    const summary = cxlens(['--db', db, 'voice', 'summary', '--period', 'week']);
    expect(summary.status).toBe(0);
    expect(summary.stdout).toMatch(/2026-02-16\s+twitter\s+7\s+100\.0%/);
    expect(summary.stdout).toMatch(/delivery\s+28/);
    const topics = cxlens(['--db', db, '--json', 'voice', 'topics', '-k', '2']);
    expect(topics.status).toBe(0);
    expect(JSON.parse(topics.stdout).topics).toHaveLength(2);
    const storms = cxlens(['--db', db, 'voice', 'storms']);
    expect(storms.status).toBe(0);
    expect(storms.stdout).toMatch(/\(none\)/);
  });
});
