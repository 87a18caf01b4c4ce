// Segment rules: a tiny, safe expression language over the per-person score columns, used for
// quadrants (config) and `cxlens segment export <rule>`. Grammar:
//   rule  := or ;  or := and ('or' and)* ;  and := unary ('and' unary)* ;
//   unary := 'not' unary | '(' or ')' | cmp ;  cmp := FIELD OP NUMBER | 'quadrant' ('='|'!=') NAME
// FIELD ∈ experience, engagement, voice, bad_signals, days_inactive; OP ∈ < <= > >= = !=.
// The compiled SQL names only whitelisted columns and numbers re-printed from parsed values;
// quadrant names become parameters. Anything else is an InputError pointing at the token.
import { InputError } from '../../lib/errors.js';

export const RULE_FIELDS = [
  'experience',
  'engagement',
  'voice',
  'bad_signals',
  'days_inactive',
] as const;
type Field = (typeof RULE_FIELDS)[number];

const FIELD_SQL: Record<Field, string> = {
  experience: 's.experience',
  engagement: 's.engagement',
  voice: 's.voice',
  bad_signals: 's.bad_signals',
  days_inactive: "coalesce(date_diff('day', s.last_active_at, s.as_of), 1e9)",
};

const OPS = new Set(['<', '<=', '>', '>=', '=', '!=']);
const TOKEN = /\s*(<=|>=|!=|<>|[<>=()]|-?\d+(?:\.\d+)?|[a-z_][a-z0-9_]*)/iy;

export interface CompiledRule {
  sql: string;
  params: string[];
}

function tokenize(rule: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < rule.length) {
    if (/^\s*$/.test(rule.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(rule);
    if (!m?.[1]) {
      throw new InputError(
        'INPUT_BAD_RULE',
        `rule "${rule}" at character ${pos + 1}: unexpected "${rule.slice(pos).trim().slice(0, 10)}" (expected e.g. "experience < 50 and voice = 0")`,
        { where: { field: 'rule' } },
      );
    }
    tokens.push(m[1] === '<>' ? '!=' : m[1]);
    pos = TOKEN.lastIndex;
  }
  return tokens;
}

/** Compiles a rule to a SQL boolean over alias `s` (a person_scores row). */
export function compileRule(rule: string): CompiledRule {
  const tokens = tokenize(rule);
  const params: string[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new InputError(
      'INPUT_BAD_RULE',
      `rule "${rule}": ${what} at "${tokens[i] ?? 'end'}" (fields: ${RULE_FIELDS.join(', ')}, quadrant; operators < <= > >= = !=; and, or, not, parentheses)`,
      { where: { field: 'rule' } },
    );
  };
  const peek = () => tokens[i]?.toLowerCase();
  const or = (): string => {
    const parts = [and()];
    while (peek() === 'or') {
      i++;
      parts.push(and());
    }
    return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`;
  };
  const and = (): string => {
    const parts = [unary()];
    while (peek() === 'and') {
      i++;
      parts.push(unary());
    }
    return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' AND ')})`;
  };
  const unary = (): string => {
    const t = peek();
    if (t === 'not') {
      i++;
      return `(NOT ${unary()})`;
    }
    if (t === '(') {
      i++;
      const inner = or();
      if (peek() !== ')') fail('expected ")"');
      i++;
      return inner;
    }
    return cmp();
  };
  const cmp = (): string => {
    const field = peek();
    i++;
    const op = tokens[i];
    if (!op || !OPS.has(op)) return fail('expected an operator');
    i++;
    const value = tokens[i];
    if (value === undefined) return fail('expected a value');
    i++;
    if (field === 'quadrant') {
      if (op !== '=' && op !== '!=') return fail('quadrant takes = or !=');
      if (!/^[a-z_][a-z0-9_]*$/i.test(value)) return fail('expected a quadrant name');
      params.push(value.toLowerCase());
      return `(s.quadrant ${op === '=' ? '=' : '<>'} ?)`;
    }
    if (!field || !(RULE_FIELDS as readonly string[]).includes(field)) {
      i -= 3;
      return fail('unknown field');
    }
    const num = Number(value);
    if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(num)) return fail('expected a number');
    return `(${FIELD_SQL[field as Field]} ${op === '!=' ? '<>' : op} ${String(num)})`;
  };
  if (tokens.length === 0) fail('empty rule');
  const sql = or();
  if (i < tokens.length) fail('unexpected token');
  return { sql, params };
}
