// Accuracy on a demo's planted identity variants: truth.json's `identity_variants` truths group
// customer records per true person. Ids are record keys ('<source>:<source_id>'); a bare
// source_id is accepted when exactly one record has it. Pairwise P/R/F1 over the records named
// in the groups (each group one true person, the store's person_id the prediction).
import { type PairwiseMetrics, pairwiseMetrics } from '../../src/identity/index.js';
import type { Store } from '../../src/store/index.js';

export async function evaluateDemoIdentity(
  truthGroups: string[][],
  store: Store,
): Promise<PairwiseMetrics> {
  const links = await store.all<{ record_key: string; source_id: string; person_id: string }>(
    'SELECT record_key, source_id, person_id FROM identity_links',
  );
  const byKey = new Map(links.map((l) => [l.record_key, l.person_id]));
  const bySourceId = new Map<string, string | null>();
  for (const l of links)
    bySourceId.set(l.source_id, bySourceId.has(l.source_id) ? null : l.person_id);
  const predicted: string[] = [];
  const truth: string[] = [];
  truthGroups.forEach((group, g) => {
    for (const id of group) {
      const person = byKey.get(id) ?? bySourceId.get(id) ?? `unresolved:${id}`;
      predicted.push(person);
      truth.push(String(g));
    }
  });
  return pairwiseMetrics(predicted, truth);
}
