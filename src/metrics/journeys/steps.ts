// Funnel steps: a step is an event name, matched forgivingly ("order_completed", "Order Completed"
// and "orderCompleted" are one step; "view_product" finds "Product Viewed"), or a page path
// ("page:/checkout" exact, "page:/checkout*" as a prefix). Names are resolved in JS against the
// event names in the store, so the SQL compares exact values given as parameters.
import { InputError } from '../../lib/errors.js';
import type { SqlParam } from '../../store/index.js';

export interface ResolvedStep {
  step: number;
  label: string;
  kind: 'event' | 'page';
  /** Event names (kind event) or the path (kind page). */
  matches: string[];
  prefix: boolean;
}

const SYNONYMS: Record<string, string> = {
  cart: 'add product',
  'add cart to': 'add product',
  purchase: 'complete order',
  buy: 'complete order',
  checkout: 'checkout start',
  pay: 'payment submit',
};

function undouble(word: string): string {
  return word.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(word) ? word.slice(0, -1) : word;
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ing')) return undouble(word.slice(0, -3));
  if (word.length > 3 && word.endsWith('ed'))
    return word.endsWith('eed')
      ? word.slice(0, -1)
      : undouble(word.slice(0, -2).replace(/(at|iz|let)$/, '$1e'));
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Order- and case-insensitive key of an event name: "Product Viewed" and "view_product" → "product view". */
export function stepKey(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map(stem)
    .sort();
  const key = words.join(' ');
  return SYNONYMS[key] ?? key;
}

/** Resolves each step text against the known event names; throws with suggestions when none match. */
export function resolveSteps(
  texts: readonly string[],
  eventNames: readonly string[],
): ResolvedStep[] {
  const byKey = new Map<string, string[]>();
  for (const name of eventNames) {
    const key = stepKey(name);
    byKey.set(key, [...(byKey.get(key) ?? []), name]);
  }
  return texts.map((raw, i) => {
    const text = raw.trim();
    if (/^page:/i.test(text)) {
      const path = text.slice(5).trim();
      if (!path.startsWith('/')) {
        throw new InputError(
          'INPUT_BAD_STEP',
          `step ${i + 1} "${text}": a page step needs a path (expected page:/checkout)`,
        );
      }
      const prefix = path.endsWith('*');
      return {
        step: i + 1,
        label: text,
        kind: 'page',
        matches: [prefix ? path.slice(0, -1) : path],
        prefix,
      };
    }
    const exact = eventNames.filter((n) => n === text);
    const matches = exact.length > 0 ? exact : (byKey.get(stepKey(text)) ?? []);
    if (matches.length === 0) {
      const words = new Set(stepKey(text).split(' '));
      const near = eventNames
        .filter((n) =>
          stepKey(n)
            .split(' ')
            .some((w) => words.has(w)),
        )
        .slice(0, 5);
      throw new InputError(
        'INPUT_UNKNOWN_STEP',
        `step ${i + 1} "${text}": no event of that name${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)` : ' in the store'}`,
      );
    }
    return { step: i + 1, label: matches[0] ?? text, kind: 'event', matches, prefix: false };
  });
}

/** SQL predicate (over columns event, type, page_path of alias `b`) and its parameters. */
export function stepPredicate(
  step: ResolvedStep,
  alias = 'b',
): { sql: string; params: SqlParam[] } {
  if (step.kind === 'page') {
    const sql = step.prefix
      ? `(${alias}.type = 'page' AND starts_with(${alias}.page_path, ?))`
      : `(${alias}.type = 'page' AND ${alias}.page_path = ?)`;
    return { sql, params: [step.matches[0] ?? ''] };
  }
  return {
    sql: `(${alias}.event IN (${step.matches.map(() => '?').join(', ')}))`,
    params: [...step.matches],
  };
}

/** Parses "1d", "12h", "30m", "90s", "2w" into milliseconds. */
export function windowMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([wdhms])$/i.exec(text.trim());
  if (!m)
    throw new InputError(
      'INPUT_BAD_WINDOW',
      `window "${text}": not a duration (expected 1d, 12h, 30m or 2w)`,
    );
  const unit = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[
    (m[2] ?? 'd').toLowerCase() as 'w' | 'd' | 'h' | 'm' | 's'
  ];
  return Math.round(Number(m[1]) * unit);
}
