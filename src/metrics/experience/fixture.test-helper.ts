// Test helper: a hand-made store with four persons whose scores are computed by hand in
// scores.test.ts. Persons and person_keys are written directly (no identity run needed).
import { Store } from '../../store/index.js';

export const AS_OF = new Date('2026-01-31T00:00:00Z');

export async function fixtureStore(): Promise<Store> {
  const store = await Store.open(':memory:');
  for (const p of ['P1', 'P2', 'P3', 'P4']) {
    await store.run(
      "INSERT INTO persons (person_id, email, record_count, sources, updated_at) VALUES (?, ?, 1, ['shop'], now())",
      [p, `${p.toLowerCase()}@example.com`],
    );
    await store.run("INSERT INTO person_keys VALUES ('record', ?, ?)", [`shop:C${p.slice(1)}`, p]);
  }
  await store.run(
    "INSERT INTO person_keys VALUES ('user_id', 'u3', 'P3'), ('email', 'p2@example.com', 'P2')",
  );
  const order = (
    id: string,
    c: string,
    placed: string,
    promised: string,
    delivered: string | null,
  ) =>
    store.run(
      "INSERT INTO orders (source, source_id, customer_id, placed_at, amount, partner_id, promised_at, delivered_at, status) VALUES ('shop', ?, ?, ?, 10, 'CARRIER', ?, ?, 'delivered')",
      [id, c, placed, promised, delivered],
    );
  // P1: one late delivery; a slow first response (48 h) reopened once; a repeat contact about delivery.
  await order('O1', 'C1', '2026-01-01 10:00', '2026-01-05 18:00', '2026-01-08 12:00');
  await store.run(
    `INSERT INTO tickets (source, source_id, customer_id, category, opened_at, first_response_at, resolved_at, reopened_count) VALUES
     ('shop', 'T1', 'C1', 'order', '2026-01-10 09:00', '2026-01-12 09:00', '2026-01-13 09:00', 1),
     ('shop', 'T2', 'C1', 'delivery', '2026-01-15 09:00', '2026-01-15 10:00', '2026-01-15 11:00', 0)`,
  );
  // P2: on time, and an NPS 10 (found by e-mail only).
  await order('O2', 'C2', '2026-01-02 10:00', '2026-01-06 18:00', '2026-01-05 12:00');
  await store.run(
    `INSERT INTO survey_responses (source, source_id, customer_email, survey, kind, score, invited_at, responded_at) VALUES
     ('surveys', 'S1', ' P2@Example.com', 'NPS Q1', 'nps', 10, '2026-01-09 09:00', '2026-01-10 09:00'),
     ('surveys', 'S2', 'p2@example.com', 'NPS Q1', 'nps', NULL, '2026-01-20 09:00', NULL)`,
  );
  // P3: an abandoned checkout, a failed payment, two sign-ins (events by user id).
  await store.run(
    `INSERT INTO events (source, source_id, type, event, user_id, timestamp) VALUES
     ('web', 'E1', 'track', 'Checkout Started', 'u3', '2026-01-20 10:00'),
     ('web', 'E2', 'track', 'Payment Failed', 'u3', '2026-01-20 10:05'),
     ('web', 'E3', 'track', 'Signed In', 'u3', '2026-01-20 09:55'),
     ('web', 'E4', 'track', 'Signed In', 'u3', '2026-01-25 09:55'),
     ('web', 'E5', 'track', 'Checkout Started', 'u3', '2026-01-25 10:00'),
     ('web', 'E6', 'track', 'Order Completed', 'u3', '2026-01-25 10:10'),
     ('web', 'E7', 'page', 'Home', 'nobody', '2026-01-25 10:10')`,
  );
  // P4: two late deliveries, then never came back (no_return_after_bad), no voice.
  await order('O4', 'C4', '2025-12-28 10:00', '2026-01-01 18:00', '2026-01-04 12:00');
  await order('O5', 'C4', '2025-12-29 10:00', '2026-01-02 18:00', '2026-01-05 12:00');
  return store;
}
