// A tiny template language for varied texts: `[a|b|c]` picks one alternative (nesting allowed),
// `{slot}` inserts a value. Many templates × alternatives × slot values give realistic variety.
import type { Random } from './random.js';

export type Slots = Readonly<Record<string, string>>;

const CHOICE = /\[([^[\]]*)\]/;

export function fill(rng: Random, template: string, slots: Slots): string {
  let out = template;
  for (let guard = 0; guard < 50; guard++) {
    const m = CHOICE.exec(out);
    if (!m) break;
    const options = (m[1] ?? '').split('|');
    out = out.slice(0, m.index) + rng.pick(options) + out.slice(m.index + m[0].length);
  }
  out = out.replace(/\{(\w+)\}/g, (_, key: string) => slots[key] ?? '');
  return out
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,.!?])/g, '$1')
    .trim();
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
