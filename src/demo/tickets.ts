// Finishes the queued support tickets: ids in time order, support-desk user ids, response and
// resolution times (slow and reopened for the silent group), agents, handling time and CSAT
// (also sent to the survey tool as a transactional support CSAT).
import { answerChance, clampRound } from './feedback.js';
import type { World } from './model.js';
import { crmEmail } from './population.js';
import type { Random } from './random.js';
import { text } from './texts.js';
import { DAY_MS, HOUR_MS, isoTime } from './time.js';

const AGENTS = [
  'priya.shah',
  'tom.hughes',
  'maria.lopez',
  'ben.carter',
  'aisha.khan',
  'liam.walsh',
  'sophie.martin',
  'jonas.weber',
  'grace.lee',
  'omar.haddad',
  'ellie.moore',
  'dan.foster',
];
/** First-response service level in hours. */
export const SLA_HOURS = 24;

export function finishTickets(w: World, rng: Random): string[][] {
  const drafts = w.tickets.filter((d) => d.t < w.plan.endMs).sort((a, b) => a.t - b.t);
  let su = 0;
  for (const d of drafts) {
    const s = d.person.support;
    if (s && s.id === '') {
      su++;
      s.id = `SU${String(su).padStart(6, '0')}`;
    }
  }
  const rows: string[][] = [];
  // the silent group's trouble contacts draw from their own stream: the other tickets' texts,
  // times and CSAT stay as they were
  const main = rng;
  const troubleRng = rng.fork('trouble');
  drafts.forEach((d, i) => {
    const rng = d.trouble ? troubleRng : main;
    const p = d.person;
    const lang = p.lang !== 'en' && rng.chance(0.7) ? p.lang : 'en';
    const slots = d.slots;
    const subject = text(rng, `ticket.subject.${d.topic}`, { lang, slots });
    const body = text(rng, `ticket.body.${d.topic}`, { lang, slots });
    const firstH = d.slow
      ? rng.uniform(40, 130)
      : Math.min(rng.logNormal(d.priority === 'urgent' ? 1 : 3.5, 0.9), 30);
    const firstMs = d.t + Math.floor(firstH * HOUR_MS);
    const reopened = d.slow ? (rng.chance(0.65) ? rng.int(1, 2) : 0) : rng.chance(0.08) ? 1 : 0;
    // resolved, then reopened `reopened` times, each reopen an hour after the previous
    // resolution and lasting one cycle
    const firstResolveMs =
      firstMs + Math.floor((d.slow ? rng.uniform(2, 7) * 24 : rng.logNormal(20, 1)) * HOUR_MS);
    const cycleMs = Math.floor(rng.uniform(1, 4) * DAY_MS);
    const resolveMs = firstResolveMs + reopened * cycleMs;
    const reopenedMs = firstResolveMs + (reopened - 1) * cycleMs + HOUR_MS;
    const resolved = resolveMs < w.plan.endMs;
    const invited = resolved && rng.chance(0.6);
    const answers = invited && rng.chance(answerChance(p));
    const score = clampRound(
      4.1 + 0.4 * p.satisfaction - (d.slow ? 1.5 : 0) - reopened * 0.5 + rng.normal(0, 0.7),
      1,
      5,
    );
    if (invited) {
      const respondedMs = resolveMs + Math.floor(rng.exponential(10) * HOUR_MS) + 60_000;
      const done = answers && respondedMs < w.plan.endMs;
      w.surveys.push({
        invitedMs: resolveMs + 30 * 60_000,
        respondedMs: done ? respondedMs : undefined,
        email: crmEmail(p),
        survey: 'Support CSAT',
        kind: 'csat',
        score: done ? score : undefined,
        comment:
          done && rng.chance(0.4)
            ? text(rng, score >= 4 ? 'survey.support.good' : 'survey.support.bad')
            : '',
        touchpoint: 'support',
        channel: d.channel,
        partnerId: '',
      });
    }
    rows.push([
      `T${String(i + 1 + 50000)}`,
      p.support?.id ?? '',
      rng.chance(0.6) ? (p.support?.email ?? '') : '',
      d.channel,
      d.category,
      d.priority,
      subject,
      body,
      isoTime(d.t),
      firstMs < w.plan.endMs ? isoTime(firstMs) : '',
      resolved ? isoTime(resolveMs) : '',
      String(reopened),
      rng.pick(AGENTS),
      rng.logNormal(d.slow ? 9 : 12, 0.6).toFixed(1),
      answers && resolved ? String(score) : '',
      reopened > 0 && reopenedMs < w.plan.endMs ? isoTime(reopenedMs) : '',
    ]);
  });
  return rows;
}
