// `npm run eval [task…]`: runs every eval/<task>/index.ts on the shared data sets, prints each
// metric beside its baselines, and exits non-zero when any threshold is not met.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EvalResult } from './types.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const tasks = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`${dir}${d.name}/index.ts`))
  .map((d) => d.name)
  .filter((t) => wanted.length === 0 || wanted.includes(t))
  .sort();

let failed = 0;
mkdirSync(`${dir}results`, { recursive: true });
for (const task of tasks) {
  process.stdout.write(`\n== ${task}\n`);
  let result: EvalResult;
  try {
    const mod = (await import(`./${task}/index.ts`)) as { run: () => Promise<EvalResult> };
    result = await mod.run();
  } catch (error) {
    failed++;
    process.stdout.write(
      `  FAILED to run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    continue;
  }
  for (const [name, value] of Object.entries(result.metrics)) {
    process.stdout.write(
      `  ${name.padEnd(40)} ${Number.isInteger(value) ? value : value.toFixed(4)}\n`,
    );
  }
  for (const t of result.thresholds) {
    const v = result.metrics[t.metric];
    const ok =
      v !== undefined && (t.min === undefined || v >= t.min) && (t.max === undefined || v <= t.max);
    if (!ok) failed++;
    const bound = [
      t.min !== undefined ? `>= ${t.min.toFixed(4)}` : '',
      t.max !== undefined ? `<= ${t.max.toFixed(4)}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    process.stdout.write(`  ${ok ? 'pass' : 'FAIL'}  ${t.metric} ${bound}\n`);
  }
  for (const n of result.notes ?? []) process.stdout.write(`  · ${n}\n`);
  writeFileSync(`${dir}results/${task}.json`, `${JSON.stringify(result, null, 2)}\n`);
}
process.stdout.write(`\n${tasks.length} tasks, ${failed} failures\n`);
process.exit(failed > 0 ? 1 : 0);
