// The verdict on one change, from numbers only:
// - technology: the change concentrates in one value of a technical dimension (browser, OS, device,
//   app version); error events rising in that segment strengthen it;
// - design: no technical concentration, the change is broad (every major browser moved the same
//   way), and it coincides (±2 days) with a release, a new page path or a new variant;
// - segment: it concentrates in a non-technical dimension (country, channel …) with no design change;
// - unclear: none of these.
// Every verdict comes with its evidence as sentences carrying the numbers.
import type {
  Breadth,
  Concentration,
  DesignChange,
  ErrorChange,
  Verdict,
} from './diagnose-schemas.js';
import { TECH_DIMENSIONS } from './dimensions.js';

export interface VerdictInput {
  direction: 'drop' | 'rise';
  deltaPp: number;
  concentrations: Concentration[];
  breadth: Breadth[];
  errors: ErrorChange[];
  designChanges: DesignChange[];
}

const fmtPp = (v: number | null) =>
  v === null ? 'n/a' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(1)} pp`;
const pct = (v: number) => `${Math.round(v * 100)}%`;
const deltaList = (b: Breadth) =>
  b.deltas.map((d) => `${d.value} ${fmtPp(d.deltaPp)}${d.significant ? '' : ' (n.s.)'}`).join(', ');
const isTech = (d: string) => (TECH_DIMENSIONS as readonly string[]).includes(d);

function errorLine(e: ErrorChange): string {
  const what = e.code ? `${e.event} (${e.code})` : e.event;
  const ratio = e.newSinceChange
    ? 'new'
    : e.ratio === null
      ? 'n/a'
      : `×${e.ratio.toFixed(1)} per entrant`;
  return `${what} ${ratio}${e.segment === 'all' ? '' : ` on ${e.segment.split('=')[1]}`} (${e.before} → ${e.after} events, p = ${e.pValue.toExponential(1)})`;
}

function designLine(d: DesignChange): string {
  const when =
    d.offsetDays === 0
      ? 'the same day'
      : `${Math.abs(d.offsetDays)} day(s) ${d.offsetDays < 0 ? 'before' : 'after'}`;
  if (d.kind === 'release' || d.kind === 'campaign')
    return `${d.kind} "${d.name}" started ${when} (${d.day})`;
  return `${d.kind === 'page_path' ? 'page path' : 'variant'} ${d.name} first seen ${when} (${d.day}, ${d.events ?? 0} step events since)`;
}

export function decideVerdict(v: VerdictInput): {
  verdict: Verdict;
  summary: string;
  evidence: string[];
} {
  const evidence: string[] = [];
  const tech = v.concentrations.find((c) => isTech(c.dimension));
  const other = v.concentrations.find((c) => !isTech(c.dimension));
  const risingErrors = v.errors.filter(
    (e) => (e.newSinceChange || (e.ratio ?? 0) >= 2) && e.pValue < 0.01,
  );
  const design = v.designChanges.filter((d) => d.kind !== 'campaign');
  const word = v.direction === 'drop' ? 'drop' : 'rise';

  for (const c of v.concentrations) {
    evidence.push(
      `${c.dimension}=${c.value}: ${fmtPp(c.deltaPp)} vs ${fmtPp(c.othersDeltaPp)} for all other ${c.dimension} values; explains ${pct(c.shareExplained)} of the ${word} with ${pct(c.trafficShare)} of the traffic`,
    );
  }
  for (const b of v.breadth) {
    if (b.values > 0) {
      evidence.push(
        `${b.dimension}: ${b.sameDirection} of ${b.values} major values moved significantly the same way (${deltaList(b)})`,
      );
    }
  }
  evidence.push(...risingErrors.map(errorLine));
  evidence.push(...v.designChanges.map(designLine));

  if (tech) {
    const errs =
      risingErrors.find((e) => e.segment === `${tech.dimension}=${tech.value}`) ?? risingErrors[0];
    const summary = `technology: ${tech.dimension} ${tech.value} ${fmtPp(tech.deltaPp)} vs ${fmtPp(tech.othersDeltaPp)} for the others; ${tech.value} explains ${pct(tech.shareExplained)} of the ${word}${errs ? `; ${errorLine(errs)}` : ''}`;
    return { verdict: 'technology', summary, evidence };
  }
  // Broad: no technical concentration and, in some technical dimension (browser first), at least
  // half of the major values (and two) moved significantly the same way and none against it;
  // small values may lack the power to be significant on their own.
  const isBroad = (b: Breadth) =>
    b.values >= 2 && b.sameDirection >= Math.max(2, Math.ceil(b.values / 2)) && b.opposite === 0;
  const browsers =
    v.breadth.find((b) => b.dimension === 'browser' && isBroad(b)) ?? v.breadth.find(isBroad);
  const broad = browsers !== undefined;
  if (design.length > 0 && (broad || other?.dimension === 'variant')) {
    const where = browsers
      ? `across ${browsers.dimension} values: ${deltaList(browsers)}`
      : 'across segments';
    return {
      verdict: 'design',
      summary: `design: ${word} of ${fmtPp(v.deltaPp)} ${where}; coincides with ${design.map(designLine).join('; ')}`,
      evidence,
    };
  }
  if (other) {
    return {
      verdict: 'segment',
      summary: `segment: concentrated in ${other.dimension} ${other.value} (${fmtPp(other.deltaPp)} vs ${fmtPp(other.othersDeltaPp)}, ${pct(other.shareExplained)} of the ${word})`,
      evidence,
    };
  }
  return {
    verdict: 'unclear',
    summary: `unclear: ${word} of ${fmtPp(v.deltaPp)}${broad ? ' across segments' : ''} with no technical concentration and no release, page or variant change near it`,
    evidence,
  };
}
