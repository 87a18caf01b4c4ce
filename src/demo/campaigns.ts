// Marketing calendar: newsletters, promos, an app release, the checkout-redesign release
// (step_redesign) and the "Northwind Moments" advert (ad_storm). No campaign runs during the
// defective-batch storm, so that storm can only be explained by the product.
import { InternalError } from '../lib/errors.js';
import type { Plan } from './catalog.js';
import { DAY_MS, isoTime } from './time.js';

export interface CampaignRow {
  id: string;
  name: string;
  channel: string;
  kind: 'ad' | 'promo' | 'email' | 'release';
  startDay: number;
  endDay: number;
  keywords: readonly string[];
  utm: { source: string; medium: string; name: string } | undefined;
}

export const AD_KEYWORDS = ['ad', 'commercial', 'advert', '#NorthwindMoments'] as const;

export interface Calendar {
  campaigns: CampaignRow[];
  ad: CampaignRow;
  redesign: CampaignRow;
}

export function buildCalendar(plan: Plan): Calendar {
  const d = plan.days;
  const rows: Omit<CampaignRow, 'id'>[] = [];
  const stormFrom = plan.productStormDay - 2;
  const stormTo = plan.productStormDay + plan.productStormDays + 1;
  const push = (row: Omit<CampaignRow, 'id'>) => {
    if (row.endDay >= stormFrom && row.startDay <= stormTo) return;
    if (row.startDay < 0 || row.startDay >= d) return;
    rows.push(row);
  };
  for (let day = 5; day < d; day += 21) {
    push({
      name: `Home Edit newsletter #${rows.length + 1}`,
      channel: 'email',
      kind: 'email',
      startDay: day,
      endDay: day + 1,
      keywords: ['newsletter', 'home edit'],
      utm: { source: 'newsletter', medium: 'email', name: `home_edit_${day}` },
    });
  }
  push({
    name: 'Weekend Flash Sale',
    channel: 'social',
    kind: 'promo',
    startDay: Math.round(d * 0.12),
    endDay: Math.round(d * 0.12) + 3,
    keywords: ['flash sale', 'discount', '20% off'],
    utm: { source: 'instagram', medium: 'paid_social', name: 'flash_sale' },
  });
  push({
    name: 'Northwind Moments',
    channel: 'tv',
    kind: 'ad',
    startDay: plan.adStormDay,
    endDay: plan.adStormDay + Math.min(21, Math.round(d * 0.15)),
    keywords: AD_KEYWORDS,
    utm: { source: 'youtube', medium: 'video', name: 'northwind_moments' },
  });
  push({
    name: 'Checkout redesign',
    channel: 'web',
    kind: 'release',
    startDay: plan.redesignDay,
    endDay: plan.redesignDay + 1,
    keywords: ['checkout', 'new checkout', 'redesign'],
    utm: undefined,
  });
  push({
    name: 'App 5.3 release',
    channel: 'app',
    kind: 'release',
    startDay: Math.round(d * 0.5),
    endDay: Math.round(d * 0.5) + 1,
    keywords: ['app update', '5.3'],
    utm: undefined,
  });
  push({
    name: 'Autumn Home Event',
    channel: 'search',
    kind: 'promo',
    startDay: Math.round(d * 0.93),
    endDay: Math.min(d, Math.round(d * 0.93) + 7),
    keywords: ['autumn', 'home event', 'sale'],
    utm: { source: 'google', medium: 'cpc', name: 'autumn_home_event' },
  });
  rows.sort((a, b) => a.startDay - b.startDay || a.name.localeCompare(b.name));
  const campaigns = rows.map((r, i) => ({ ...r, id: `CMP-${String(i + 1).padStart(3, '0')}` }));
  const ad = campaigns.find((c) => c.kind === 'ad');
  const redesign = campaigns.find((c) => c.name === 'Checkout redesign');
  if (!ad || !redesign) {
    throw new InternalError(
      'DEMO_CALENDAR',
      `demo calendar for ${d} days: a planted campaign was dropped (expected the ad and the checkout release)`,
    );
  }
  return { campaigns, ad, redesign };
}

export function campaignCsvRow(c: CampaignRow, plan: Plan): string[] {
  return [
    c.id,
    c.name,
    c.channel,
    c.kind,
    isoTime(plan.startMs + c.startDay * DAY_MS + 8 * 3_600_000),
    isoTime(plan.startMs + c.endDay * DAY_MS + 8 * 3_600_000),
    c.keywords.join(';'),
  ];
}

/** Campaigns whose UTM traffic is live on a day. */
export function liveUtmCampaigns(cal: Calendar, day: number): CampaignRow[] {
  return cal.campaigns.filter((c) => c.utm && day >= c.startDay && day <= c.endDay);
}
