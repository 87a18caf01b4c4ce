import { describe, expect, it } from 'vitest';
import { compileRule } from './rule.js';

describe('compileRule', () => {
  it('compiles comparisons joined by and/or/not with parentheses', () => {
    expect(compileRule('experience < 50 and voice = 0').sql).toBe(
      '((s.experience < 50) AND (s.voice = 0))',
    );
    expect(compileRule('not (engagement >= 50.5 or bad_signals != 2)').sql).toBe(
      '(NOT ((s.engagement >= 50.5) OR (s.bad_signals <> 2)))',
    );
  });

  it('binds quadrant names as parameters', () => {
    expect(compileRule('quadrant = silent_at_risk')).toEqual({
      sql: '(s.quadrant = ?)',
      params: ['silent_at_risk'],
    });
  });

  it('rejects unknown fields, strings, injections and dangling tokens', () => {
    for (const bad of [
      'name = 1',
      "experience < '1'",
      'experience < 1; drop table persons',
      'experience <',
      '',
      'voice = 0 voice',
    ]) {
      expect(() => compileRule(bad), bad).toThrow(
        expect.objectContaining({ code: 'INPUT_BAD_RULE' }),
      );
    }
  });
});
