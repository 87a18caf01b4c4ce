// Loads the run's parameters into temp tables the signal SQL joins on, so no config or user value
// is ever spliced into SQL text: xp_p (one row: as_of, since, half-life, SLAs, windows …) and
// xp_names (event-name lists and ticket categories), xp_w (signal → family, weight).
import type { Store } from '../../store/index.js';
import { type ExperienceConfig, VOICE_SIGNALS } from './config.js';

/** SQL: recency decay of timestamp `at` (0.5 per half-life before xp_p.as_of). */
export const DECAY_SQL = (at: string) =>
  `pow(0.5, greatest(0, epoch(p.as_of) - epoch(${at})) / 86400.0 / p.half_life_days)`;

export async function loadSignalParams(
  store: Store,
  config: ExperienceConfig,
  asOf: Date,
): Promise<void> {
  await store.run(
    `CREATE OR REPLACE TEMP TABLE xp_p AS SELECT
       CAST($1 AS TIMESTAMP) AS as_of,
       CAST($1 AS TIMESTAMP) - to_days(CAST($2 AS INTEGER)) AS since,
       CAST($3 AS DOUBLE) AS half_life_days,
       CAST($4 AS DOUBLE) AS sla_first_response_hours,
       CAST($5 AS DOUBLE) AS sla_resolution_hours,
       CAST($6 AS DOUBLE) AS repeat_contact_days,
       CAST($7 AS BOOLEAN) AS late_by_day,
       CAST($8 AS DOUBLE) AS late_grace_hours,
       CAST($9 AS DOUBLE) AS checkout_window_hours,
       CAST($10 AS DOUBLE) AS slow_page_ms,
       CAST($11 AS VARCHAR) AS slow_page_path,
       CAST($12 AS DOUBLE) AS no_return_days`,
    [
      asOf,
      config.lookback_days,
      config.half_life_days,
      config.sla.first_response_hours,
      config.sla.resolution_hours,
      config.repeat_contact_days,
      config.late_delivery.compare === 'day',
      config.late_delivery.grace_hours,
      config.checkout.window_hours,
      config.slow_page.threshold_ms,
      `$.${config.slow_page.property}`,
      config.no_return_days,
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

  const w: [string, string, number][] = [];
  for (const [signal, weight] of Object.entries(config.experience.weights))
    w.push([signal, 'experience', weight]);
  for (const [signal, weight] of Object.entries(config.engagement.weights))
    w.push([signal, 'engagement', weight]);
  for (const signal of VOICE_SIGNALS) {
    if (config.voice.signals.includes(signal)) w.push([signal, 'voice', 1]);
  }
  await store.run(
    'CREATE OR REPLACE TEMP TABLE xp_w (signal VARCHAR, family VARCHAR, weight DOUBLE)',
  );
  await insertRows(store, 'xp_w', w);
}

async function insertRows(
  store: Store,
  table: 'xp_names' | 'xp_w',
  rows: readonly (string | number)[][],
): Promise<void> {
  if (rows.length === 0) return;
  const width = rows[0]?.length ?? 0;
  const tuple = `(${new Array(width).fill('?').join(', ')})`;
  await store.run(`INSERT INTO ${table} VALUES ${rows.map(() => tuple).join(', ')}`, rows.flat());
}
