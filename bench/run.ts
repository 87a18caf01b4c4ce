// `npm run bench [topic…]`: runs every bench/<topic>.bench.ts (or the topics named) and prints
// each figure beside its same-run baseline as a ratio, and against its target.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchFigure, BenchResult } from './types.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const topics = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((t) => wanted.length === 0 || wanted.includes(t))
  .sort();

function fmt(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(3);
}

function line(f: BenchFigure): string {
  const parts = [`  ${f.name.padEnd(46)} ${fmt(f.value).padStart(12)} ${f.unit}`];
  if (f.baseline)
    parts.push(
      `  | ${f.baseline.name}: ${fmt(f.baseline.value)} (ratio ${(f.value / f.baseline.value).toFixed(2)})`,
    );
  if (f.target) {
    const ok = f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value;
    parts.push(`  target ${f.target.op} ${fmt(f.target.value)}: ${ok ? 'met' : 'MISSED'}`);
  }
  return parts.join('');
}

const started = Date.now();
let missed = 0;
for (const topic of topics) {
  process.stdout.write(`\n== ${topic}\n`);
  const mod = (await import(`./${topic}.bench.ts`)) as { run: () => Promise<BenchResult> };
  const result = await mod.run();
  for (const f of result.figures) {
    process.stdout.write(`${line(f)}\n`);
    if (f.target && !(f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value))
      missed++;
  }
  for (const n of result.notes ?? []) process.stdout.write(`  · ${n}\n`);
}
process.stdout.write(
  `\n${topics.length} topics in ${((Date.now() - started) / 1000).toFixed(1)} s; ${missed} targets missed\n`,
);
