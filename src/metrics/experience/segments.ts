// Guardrail lists: `cxlens segment export <quadrant | rule>`. Every person in a quadrant, or
// matching a rule over the score columns (rule.ts), with their scores, their worst experience
// signals (the reasons) and the action: a recovery contact, not a promotion, when experience is
// below the cut-off of the quadrant rules' default (50).
import { z } from 'zod';
import { InputError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';
import { EXPERIENCE_SIGNALS, loadExperienceConfig } from './config.js';
import { compileRule } from './rule.js';
import { latestRunConfig } from './run-config.js';
import { signalCode } from './signals.js';

export const SegmentRequest = z.object({
  /** A quadrant name (e.g. silent_at_risk) or a rule such as "experience < 40 and voice = 0". */
  segment: z.string().min(1),
  limit: z.number().int().min(1).optional(),
  /** Experience below which the action is a recovery contact (default 50). */
  recoveryBelow: z.number().min(0).max(100).default(50),
});
export type SegmentRequest = z.input<typeof SegmentRequest>;

export const SegmentMember = z.object({
  person_id: z.string(),
  email: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  quadrant: z.string(),
  experience: z.number(),
  engagement: z.number(),
  voice: z.number().int(),
  last_active_at: z.date().nullable(),
  reasons: z.string(),
  action: z.enum(['recovery_contact', 'promotion_ok']),
});
export type SegmentMember = z.infer<typeof SegmentMember>;

const NAME = /^[a-z][a-z0-9_]*$/;

/** Members of a quadrant or rule, worst experience first. */
export async function exportSegment(
  store: Store,
  request: SegmentRequest,
): Promise<SegmentMember[]> {
  const req = SegmentRequest.parse(request);
  let where: { sql: string; params: string[] };
  if (NAME.test(req.segment) && !/\s/.test(req.segment)) {
    const known = await store.all<{ quadrant: string }>(
      'SELECT DISTINCT quadrant FROM person_scores',
    );
    if (known.length > 0 && !known.some((k) => k.quadrant === req.segment)) {
      throw new InputError(
        'INPUT_UNKNOWN_SEGMENT',
        `segment "${req.segment}": no such quadrant (expected one of ${known.map((k) => k.quadrant).join(', ')}, or a rule such as "experience < 50 and voice = 0")`,
        { where: { field: 'segment' } },
      );
    }
    where = { sql: 's.quadrant = ?', params: [req.segment] };
  } else {
    where = compileRule(req.segment);
  }
  // The worst three experience signals (points = the run's weight × decayed) of the members only.
  const config = (await latestRunConfig(store)) ?? loadExperienceConfig();
  const weights: number[] = [];
  const wt = EXPERIENCE_SIGNALS.map((sg) => {
    weights.push(config.experience.weights[sg]);
    return `(${signalCode(sg)}, '${sg}', CAST(? AS DOUBLE))`;
  });
  const rows = await store.all<Omit<SegmentMember, 'action'>>(
    `WITH sel AS (SELECT s.* FROM person_scores s WHERE ${where.sql}),
     wt AS (SELECT * FROM (VALUES ${wt.join(', ')}) wt(code, signal, w)),
     worst AS (
       SELECT person_id, string_agg(r.signal || ' x' || r.n || ' (' || CAST(round(r.points, 1) AS VARCHAR) || ')', '; ' ORDER BY r.points) AS reasons
       FROM (SELECT person_id, r, row_number() OVER (PARTITION BY person_id ORDER BY r.points) AS k
             FROM (SELECT g.person_id, {'signal': wt.signal, 'n': g.n, 'points': g.d * wt.w} AS r
                   FROM (SELECT sel.person_id, g.signal, sum(g.n) AS n, sum(g.d) AS d
                         FROM person_signals g JOIN sel ON sel.pidx = g.pidx GROUP BY ALL) g
                   JOIN wt ON wt.code = g.signal)
             WHERE r.points < 0) WHERE k <= 3 GROUP BY person_id)
     SELECT s.person_id, p.email, p.first_name, p.last_name, s.quadrant,
       round(s.experience, 1) AS experience, round(s.engagement, 1) AS engagement, s.voice, s.last_active_at,
       coalesce(w.reasons, '') AS reasons
     FROM sel s LEFT JOIN persons p USING (person_id) LEFT JOIN worst w USING (person_id)
     ORDER BY s.experience, s.person_id ${req.limit ? 'LIMIT ?' : ''}`,
    [...where.params, ...weights, ...(req.limit ? [req.limit] : [])],
  );
  return rows.map((r) => ({
    ...r,
    action: r.experience < req.recoveryBelow ? 'recovery_contact' : 'promotion_ok',
  }));
}
