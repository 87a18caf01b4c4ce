// What cxlens found, in a few lines a person reads after `npm start`: each analysis contributes
// its headline with the numbers behind it. An analysis that has not run says so instead.
import { churnRates, loadChurnConfig } from '../metrics/churn/index.js';
import { overviewReport } from '../metrics/experience/index.js';
import { topIdeas } from '../metrics/ideas/index.js';
import { diagnoseFunnel } from '../metrics/journeys/index.js';
import { recurringIssues } from '../metrics/support/index.js';
import { voiceStorms } from '../metrics/voice/index.js';
import type { Store } from '../store/index.js';

export interface Findings {
  sections: { name: string; lines: string[] }[];
  lines: string[];
}

type Section = (store: Store) => Promise<string[]>;

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : `${(v * 100).toFixed(1)}%`;
const num = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? 'n/a' : v.toFixed(digits);

const SECTIONS: Record<string, Section> = {
  customers: async (store) => {
    const r = await store.one<{ persons: number; records: number; sources: number }>(
      'SELECT (SELECT count(*) FROM persons) AS persons, (SELECT count(*) FROM identity_links) AS records, (SELECT count(DISTINCT source) FROM identity_links) AS sources',
    );
    return [
      `${r?.persons ?? 0} customers resolved from ${r?.records ?? 0} records in ${r?.sources ?? 0} systems`,
    ];
  },
  experience: async (store) => {
    const o = await overviewReport(store);
    const q = Object.fromEntries(o.quadrants.map((x) => [x.quadrant, x.persons]));
    const nps = o.surveys.nps;
    const lines = [
      `NPS ${num(nps.nps, 0)} (95% CI ${num(nps.low, 0)}..${num(nps.high, 0)}, n=${nps.n}); CSAT ${pct(o.surveys.csat.csat ?? null)}`,
      `quadrants: champions ${q.champions ?? 0}, vocal critics ${q.vocal_critics ?? 0}, quiet satisfied ${q.quiet_satisfied ?? 0}, silent at-risk ${q.silent_at_risk ?? 0} (recovery contact, not a promotion: cxlens segment export silent_at_risk)`,
    ];
    for (const p of o.partners.filter((x) => x.poor)) {
      lines.push(
        `poor partner: ${p.name ?? p.partnerId} — ${pct(p.lateRate.rate)} of deliveries late vs ${pct(p.lateRateOthers)} for others (p=${p.latePValue.toExponential(1)})`,
      );
    }
    return lines;
  },
  journeys: async (store) => {
    const d = await diagnoseFunnel(store, { funnel: 'checkout' });
    const drops = d.findings.filter((f) => f.direction === 'drop');
    if (drops.length === 0)
      return [`checkout funnel: no significant drop in ${d.period.days} days`];
    return drops.map(
      (f) =>
        `checkout drop from ${f.day} at ${f.fromStep} → ${f.toStep} (${f.deltaPp.toFixed(1)} pp): ${f.summary}`,
    );
  },
  voice: async (store) => {
    const s = await voiceStorms(store);
    if (s.storms.length === 0) return [`no storms among ${s.posts} posts`];
    return s.storms.map(
      (x) =>
        `storm ${x.from}..${x.to} on ${x.channel}: ${x.posts} negative posts — ${x.explanation}`,
    );
  },
  support: async (store) => {
    const r = await recurringIssues(store);
    const moving = r.issues.filter((i) => i.status === 'rising' || i.status === 'new').slice(0, 3);
    if (moving.length === 0)
      return [`no rising support issue among ${r.clusters} recurring issues`];
    return moving.map(
      (i) =>
        `${i.status} support issue: "${i.example ?? i.label}" — ${i.recentTickets} tickets in the last ${r.recentWeeks} weeks vs ${i.baselineTickets} before (share ×${num(i.shareRatio)})`,
    );
  },
  ideas: async (store) => {
    const r = await topIdeas(store, { limit: 1 });
    const top = r.items[0];
    if (!top) return ['no ideas yet'];
    return [
      `top idea: "${top.title}" — ${top.voters} distinct voters over ${top.ideas.length} duplicate ideas, asked for in ${top.places} places`,
    ];
  },
  churn: async (store) => {
    const r = await churnRates(store, loadChurnConfig());
    const complete = r.months.filter((m) => m.complete && m.rate !== null);
    const last = complete.at(-1);
    if (!last) return ['churn: not enough complete months yet'];
    const trend = r.trend ? `, trend ${r.trend.direction} (p=${num(r.trend.pValue, 3)})` : '';
    return [
      `churn ${pct(last.rate)} in ${last.month} (95% CI ${pct(last.low)}..${pct(last.high)})${trend}; ${r.definition}`,
    ];
  },
};

export async function summariseFindings(store: Store): Promise<Findings> {
  const sections: Findings['sections'] = [];
  for (const [name, section] of Object.entries(SECTIONS)) {
    try {
      sections.push({ name, lines: await section(store) });
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      sections.push({ name, lines: [`${name}: not available (${why})`] });
    }
  }
  return {
    sections,
    lines: ['What cxlens found:', ...sections.flatMap((s) => s.lines.map((l) => `  • ${l}`))],
  };
}
