// Per person: every survey invitation and answer (to see and avoid survey fatigue), with a
// summary — invitations, answers, answer rate, invitations in the last 30 and 90 days, days
// since the last one. A row with responded_at NULL is an invitation that was not answered.
import { z } from 'zod';
import { attachPersonSql, resolvePersonId } from '../../identity/index.js';
import type { Store } from '../../store/index.js';
import { latestActivity } from './scores.js';

export const SurveyContact = z.object({
  survey: z.string(),
  kind: z.string(),
  touchpoint: z.string().nullable(),
  channel: z.string().nullable(),
  invited_at: z.date().nullable(),
  responded_at: z.date().nullable(),
  score: z.number().nullable(),
});
export type SurveyContact = z.infer<typeof SurveyContact>;

export const SurveyHistory = z.object({
  personId: z.string(),
  contacts: z.array(SurveyContact),
  invitations: z.number().int(),
  answers: z.number().int(),
  answerRate: z.number().nullable(),
  invitedLast30Days: z.number().int(),
  invitedLast90Days: z.number().int(),
  daysSinceLastInvite: z.number().nullable(),
});
export type SurveyHistory = z.infer<typeof SurveyHistory>;

const S = attachPersonSql('activity', 's');

/**
 * The survey contacts of the person `ref` names (a person id, e-mail, record key or user id),
 * oldest first; `at` anchors the 30/90-day counts (default: the latest activity in the store, so
 * an export of past data reads as it did then).
 */
export async function surveyHistory(store: Store, ref: string, at?: Date): Promise<SurveyHistory> {
  const personId = await resolvePersonId(store, ref);
  const asOf = at ?? (await latestActivity(store)) ?? new Date();
  const contacts = await store.all<SurveyContact>(
    `SELECT s.survey, s.kind, s.touchpoint, s.channel, s.invited_at, s.responded_at, s.score
     FROM survey_responses s ${S.joins}
     WHERE ${S.personId} = ? ORDER BY coalesce(s.invited_at, s.responded_at), s.survey`,
    [personId],
  );
  const day = 86_400_000;
  const invitedTimes = contacts
    .map((c) => (c.invited_at ?? c.responded_at)?.getTime())
    .filter((t): t is number => t !== undefined && t <= asOf.getTime());
  const last = invitedTimes.length > 0 ? Math.max(...invitedTimes) : undefined;
  const answers = contacts.filter((c) => c.responded_at !== null && c.score !== null).length;
  return {
    personId,
    contacts,
    invitations: contacts.length,
    answers,
    answerRate: contacts.length > 0 ? answers / contacts.length : null,
    invitedLast30Days: invitedTimes.filter((t) => t > asOf.getTime() - 30 * day).length,
    invitedLast90Days: invitedTimes.filter((t) => t > asOf.getTime() - 90 * day).length,
    daysSinceLastInvite: last === undefined ? null : (asOf.getTime() - last) / day,
  };
}
