// Guardrail lists: `cxlens segment export <quadrant | saved segment | rule>`. Every person in a
// quadrant, in a saved segment (a saved retention cell: tables segments + segment_members), or
// matching a rule over the score columns (rule.ts), with their scores, their worst experience
// signals (the reasons) and the action: a recovery contact, not a promotion, when experience is
// below the cut-off of the quadrant rules' default (50). Saved members the latest score run did
// not score are kept, with null scores and the action `unscored`.
import { z } from 'zod';
import { InputError, NotFoundError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';
import { EXPERIENCE_SIGNALS, loadExperienceConfig } from './config.js';
import { compileRule } from './rule.js';
import { latestRunConfig } from './run-config.js';
import { signalCode } from './signals.js';

export const SegmentRequest = z.object({
  /**
   * A quadrant name (e.g. silent_at_risk), a saved segment (`saved:<name>`, or the bare name when
   * it is not a quadrant) or a rule such as "experience < 40 and voice = 0".
   */
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
  /** Null for a saved-segment member the latest score run did not score (so are the scores). */
  quadrant: z.string().nullable(),
  experience: z.number().nullable(),
  engagement: z.number().nullable(),
  voice: z.number().int().nullable(),
  last_active_at: z.date().nullable(),
  reasons: z.string(),
  action: z.enum(['recovery_contact', 'promotion_ok', 'unscored']),
});
export type SegmentMember = z.infer<typeof SegmentMember>;

/** What a segment text names: a quadrant, a saved segment or a rule. */
export type SegmentSelection =
  | { kind: 'quadrant'; name: string }
  | { kind: 'saved'; name: string }
  | { kind: 'rule'; sql: string; params: string[] };

const QUADRANT_NAME = /^[a-z][a-z0-9_]*$/;
// No spaces, comparisons or parentheses: a name, never a rule.
const BARE_NAME = /^[^\s<>=!()]+$/;
const SAVED_PREFIX = 'saved:';

// Saved segments are written by metrics/churn (saveSegment), which imports this layer: read the
// tables here rather than import it back.
async function savedNames(store: Store): Promise<string[]> {
  const rows = await store.all<{ name: string }>('SELECT name FROM segments ORDER BY name');
  return rows.map((r) => r.name);
}

async function quadrantNames(store: Store): Promise<string[]> {
  const rows = await store.all<{ quadrant: string }>(
    'SELECT DISTINCT quadrant FROM person_scores ORDER BY quadrant',
  );
  return rows.map((r) => r.quadrant);
}

function listed(names: string[]): string {
  return names.length ? names.join(', ') : 'none';
}

/**
 * Resolves a segment text, in this order: `saved:<name>` (SEGMENT_NOT_FOUND unless saved), a
 * quadrant of the latest score run, a saved segment of exactly that name, a quadrant-like name
 * before any score run (an empty quadrant), then a rule. A bare name that is none of these is
 * INPUT_UNKNOWN_SEGMENT; anything else that does not parse as a rule is INPUT_BAD_RULE.
 */
export async function resolveSegment(store: Store, text: string): Promise<SegmentSelection> {
  if (text.startsWith(SAVED_PREFIX)) {
    const name = text.slice(SAVED_PREFIX.length);
    const saved = await savedNames(store);
    if (!saved.includes(name)) {
      throw new NotFoundError(
        'SEGMENT_NOT_FOUND',
        `segment "${name}": not saved (saved: ${listed(saved)}; save one with \`cxlens churn save-cell\`)`,
        { where: { field: 'segment' } },
      );
    }
    return { kind: 'saved', name };
  }
  const quadrants = await quadrantNames(store);
  if (quadrants.includes(text)) return { kind: 'quadrant', name: text };
  const saved = await savedNames(store);
  if (saved.includes(text)) return { kind: 'saved', name: text };
  if (quadrants.length === 0 && QUADRANT_NAME.test(text)) return { kind: 'quadrant', name: text };
  if (BARE_NAME.test(text)) {
    throw new InputError(
      'INPUT_UNKNOWN_SEGMENT',
      `segment "${text}": not a quadrant (${listed(quadrants)}), a saved segment (${listed(saved)}) or a rule (expected e.g. "experience < 50 and voice = 0")`,
      { where: { field: 'segment' } },
    );
  }
  return { kind: 'rule', ...compileRule(text) };
}

/** SQL selecting the person_scores rows (alias-free `s.*`) of a selection, and its parameters. */
function selectionSql(sel: SegmentSelection): { sql: string; params: string[] } {
  if (sel.kind === 'saved') {
    // Every member, scored or not: the score columns are NULL for the unscored.
    return {
      sql: `SELECT m.person_id, s.* EXCLUDE (person_id)
        FROM (SELECT DISTINCT person_id FROM segment_members WHERE segment = ?) m
        LEFT JOIN person_scores s ON s.person_id = m.person_id`,
      params: [sel.name],
    };
  }
  const where = sel.kind === 'quadrant' ? { sql: 's.quadrant = ?', params: [sel.name] } : sel;
  return { sql: `SELECT s.* FROM person_scores s WHERE ${where.sql}`, params: where.params };
}

function actionOf(experience: number | null, recoveryBelow: number): SegmentMember['action'] {
  if (experience === null) return 'unscored';
  return experience < recoveryBelow ? 'recovery_contact' : 'promotion_ok';
}

/** Members of a quadrant, saved segment or rule, worst experience first (unscored last). */
export async function exportSegment(
  store: Store,
  request: SegmentRequest,
): Promise<SegmentMember[]> {
  const req = SegmentRequest.parse(request);
  const sel = selectionSql(await resolveSegment(store, req.segment));
  // The worst three experience signals (points = the run's weight × decayed) of the members only.
  const config = (await latestRunConfig(store)) ?? loadExperienceConfig();
  const weights: number[] = [];
  const wt = EXPERIENCE_SIGNALS.map((sg) => {
    weights.push(config.experience.weights[sg]);
    return `(${signalCode(sg)}, '${sg}', CAST(? AS DOUBLE))`;
  });
  const rows = await store.all<Omit<SegmentMember, 'action'>>(
    `WITH sel AS (${sel.sql}),
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
     ORDER BY s.experience NULLS LAST, s.person_id ${req.limit ? 'LIMIT ?' : ''}`,
    [...sel.params, ...weights, ...(req.limit ? [req.limit] : [])],
  );
  return rows.map((r) => ({ ...r, action: actionOf(r.experience, req.recoveryBelow) }));
}
