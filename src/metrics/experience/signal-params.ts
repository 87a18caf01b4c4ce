// Loads the run's parameters into temp tables the signal SQL joins on, so no config or user value
// is ever spliced into SQL text: xp_p (one row: as_of, since, half-life, SLAs, windows …) and
// xp_names (event-name lists and ticket categories), xp_ev_names (event name → signal code) and
// xp_wt (one row: every weight, the voice flags, base and scale) and xp_w (the weights and flags
// per signal code, for the long-form scoring).
import type { Store } from '../../store/index.js';
import {
  ENGAGEMENT_SIGNALS,
  EXPERIENCE_SIGNALS,
  type ExperienceConfig,
  VOICE_SIGNALS,
} from './config.js';
import {
  ACTIVITY_SIGNALS,
  BAD_SIGNALS,
  type EVENT_SIGNALS,
  eventCode,
  SIGNALS,
  signalCode,
} from './signals.js';

export async function loadSignalParams(
  store: Store,
  config: ExperienceConfig,
  asOf: Date,
): Promise<void> {
  // Durations as INTERVALs (microseconds) and the decay as a rate per microsecond, so the signal
  // SQL adds and multiplies without casting per row.
  const us = (hours: number) => Math.round(hours * 3600e6);
  await store.run(
    `CREATE OR REPLACE TEMP TABLE xp_p AS SELECT *, epoch_us(as_of) AS as_us FROM (SELECT
       CAST($1 AS TIMESTAMP) AS as_of,
       CAST($1 AS TIMESTAMP) - to_days(CAST($2 AS INTEGER)) AS since,
       CAST($3 AS DOUBLE) AS half_life_days,
       ln(2) / (CAST($3 AS DOUBLE) * 86400e6) AS decay_per_us,
       to_microseconds(CAST($4 AS BIGINT)) AS sla_first_response,
       to_microseconds(CAST($5 AS BIGINT)) AS sla_resolution,
       to_microseconds(CAST($6 AS BIGINT)) AS repeat_contact,
       CAST($7 AS BOOLEAN) AS late_by_day,
       to_microseconds(CAST($8 AS BIGINT)) AS late_grace,
       to_microseconds(CAST($9 AS BIGINT)) AS checkout_window,
       CAST($10 AS DOUBLE) AS slow_page_ms,
       CAST($11 AS VARCHAR) AS slow_page_path,
       to_microseconds(CAST($12 AS BIGINT)) AS no_return)`,
    [
      asOf,
      config.lookback_days,
      config.half_life_days,
      us(config.sla.first_response_hours),
      us(config.sla.resolution_hours),
      us(config.repeat_contact_days * 24),
      config.late_delivery.compare === 'day',
      us(config.late_delivery.grace_hours),
      us(config.checkout.window_hours),
      config.slow_page.threshold_ms,
      `$.${config.slow_page.property}`,
      us(config.no_return_days * 24),
    ],
  );
  const names: [string, string][] = [];
  const add = (list: string, values: readonly string[]) => {
    for (const v of values) names.push([list, v]);
  };
  add('checkout_started', config.checkout.started_events);
  add('checkout_completed', config.checkout.completed_events);
  add('payment_failed', config.events.payment_failed);
  add('error_event', config.events.error);
  add('login', config.events.login);
  add('like', config.events.like);
  add('vote', config.events.vote);
  add('referral', config.events.referral);
  add('review', config.events.review);
  add(
    'complaint_category',
    config.complaint_categories.map((c) => c.toLowerCase()),
  );
  add(
    'review_channel',
    config.review_channels.map((c) => c.toLowerCase()),
  );
  await store.run('CREATE OR REPLACE TEMP TABLE xp_names (list VARCHAR, name VARCHAR)');
  await insertRows(store, 'xp_names', names);

  // Event names → signal code; a name in several lists takes the alphabetically first list.
  const codes: [string, number][] = [];
  const byList: Record<string, readonly string[]> = {
    error_event: config.events.error,
    like: config.events.like,
    login: config.events.login,
    payment_failed: config.events.payment_failed,
    referral: config.events.referral,
    review: config.events.review,
    vote: config.events.vote,
  };
  const seen = new Set<string>();
  for (const list of Object.keys(byList).sort()) {
    for (const name of byList[list] ?? []) {
      if (seen.has(name)) continue;
      seen.add(name);
      codes.push([name, eventCode(list as (typeof EVENT_SIGNALS)[number])]);
    }
  }
  await store.run('CREATE OR REPLACE TEMP TABLE xp_ev_names (name VARCHAR, code INTEGER)');
  await insertRows(store, 'xp_ev_names', codes);

  // One row of weights: x_<signal> (experience), g_<signal> (engagement), v_<signal> (voice 0/1).
  const cols: string[] = [];
  const values: number[] = [];
  const add2 = (name: string, value: number) => {
    cols.push(`CAST(? AS DOUBLE) AS ${name}`);
    values.push(value);
  };
  for (const s of EXPERIENCE_SIGNALS) add2(`x_${s}`, config.experience.weights[s]);
  for (const s of ENGAGEMENT_SIGNALS) add2(`g_${s}`, config.engagement.weights[s]);
  for (const s of VOICE_SIGNALS) add2(`v_${s}`, config.voice.signals.includes(s) ? 1 : 0);
  add2('base', config.experience.base);
  add2('scale', config.engagement.scale);
  await store.run(`CREATE OR REPLACE TEMP TABLE xp_wt AS SELECT ${cols.join(', ')}`, values);

  // The same weights in long form, one row per signal code (0 = the activity row): experience
  // weight, engagement weight, voice flag, bad flag, counts as activity — so scores are a handful
  // of aggregates over xp_sig JOIN xp_w instead of one expression per signal.
  const xw = config.experience.weights as Record<string, number>;
  const gw = config.engagement.weights as Record<string, number>;
  const voice = new Set<string>(config.voice.signals);
  const bad = new Set<string>(BAD_SIGNALS);
  const act = new Set<string>(ACTIVITY_SIGNALS);
  const wrows: number[][] = [[0, 0, 0, 0, 0, 1]];
  for (const sg of SIGNALS) {
    wrows.push([
      signalCode(sg),
      xw[sg] ?? 0,
      gw[sg] ?? 0,
      voice.has(sg) ? 1 : 0,
      bad.has(sg) ? 1 : 0,
      act.has(sg) ? 1 : 0,
    ]);
  }
  await store.run(
    'CREATE OR REPLACE TEMP TABLE xp_w (code SMALLINT, xw DOUBLE, gw DOUBLE, vf INTEGER, bad INTEGER, act INTEGER)',
  );
  await insertRows(store, 'xp_w', wrows);
}

async function insertRows(
  store: Store,
  table: 'xp_names' | 'xp_ev_names' | 'xp_w',
  rows: readonly (string | number)[][],
): Promise<void> {
  if (rows.length === 0) return;
  const width = rows[0]?.length ?? 0;
  const tuple = `(${new Array(width).fill('?').join(', ')})`;
  await store.run(`INSERT INTO ${table} VALUES ${rows.map(() => tuple).join(', ')}`, rows.flat());
}
