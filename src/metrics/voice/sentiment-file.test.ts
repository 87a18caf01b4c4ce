import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scoreTextFile } from './sentiment-file.js';

async function run(input: string, format: 'csv' | 'ndjson', textColumn = 'text') {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const summary = await scoreTextFile(Readable.from([input]), out, {
    format,
    textColumn,
    fileName: 'in.csv',
  });
  return { summary, text: Buffer.concat(chunks).toString('utf8') };
}

describe('scoreTextFile', () => {
  it('adds score, label and language to every CSV row, keeping the columns and quoting', async () => {
    const { summary, text } = await run(
      'id,text\n1,"Great service, thanks!"\n2,The parcel arrived broken\n3,Where is my order\n4,"Der Deckel ist gerissen und jetzt läuft alles aus, sehr ärgerlich"\n',
      'csv',
    );
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('id,text,sentiment_score,sentiment_label,language');
    expect(lines[1]).toMatch(/^1,"Great service, thanks!",0\.\d+,positive,en$/);
    expect(lines[2]).toMatch(/^2,The parcel arrived broken,-0\.\d+,negative,en$/);
    expect(lines[3]).toBe('3,Where is my order,0,neutral,en');
    expect(lines[4]).toMatch(/,,,de$/);
    expect(summary).toMatchObject({ rows: 4, scored: 3, unscored: 1 });
    expect(summary.byLabel).toEqual({ positive: 1, negative: 1, neutral: 1 });
  });

  it('streams NDJSON objects with the three fields added (null when unscored)', async () => {
    const { text } = await run(
      '{"id":1,"body":"awful app"}\n\n{"id":2,"body":null}',
      'ndjson',
      'body',
    );
    const rows = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({
      id: 1,
      body: 'awful app',
      sentiment_label: 'negative',
      language: 'en',
    });
    expect(rows[1]).toMatchObject({ id: 2, sentiment_score: null, sentiment_label: null });
  });

  it('a missing text column is a located INPUT_MISSING_COLUMN error', async () => {
    await expect(run('id,comment\n1,hi\n', 'csv')).rejects.toMatchObject({
      code: 'INPUT_MISSING_COLUMN',
      where: { file: 'in.csv', line: 1, column: 'text' },
    });
    await expect(run('{"id":1,"text":"ok"}\n{"id":2}\n', 'ndjson')).rejects.toMatchObject({
      code: 'INPUT_MISSING_COLUMN',
      where: { line: 2 },
    });
    await expect(run('{"id":1,\n', 'ndjson')).rejects.toMatchObject({ code: 'INPUT_BAD_JSON' });
  });
});
