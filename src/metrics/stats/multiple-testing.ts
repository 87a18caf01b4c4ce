// Benjamini–Hochberg (1995) false discovery rate control for m tests.
// Sort p ascending; the adjusted value of the i-th smallest is min over j >= i of p_(j)·m/j (capped at 1);
// reject every hypothesis whose adjusted value is <= q. Valid under independence or positive
// dependence (PRDS), which holds for one-sided tests on overlapping segments of the same data
// only approximately; we use it as a screen, with effect sizes reported beside it.

/** BH-adjusted p-values (q-values), in the input order. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const item = order[rank - 1];
    if (!item) continue;
    running = Math.min(running, (item.p * m) / rank);
    adjusted[item.i] = Math.min(1, running);
  }
  return adjusted;
}

/** Which hypotheses BH rejects at false discovery rate q. */
export function bhReject(pValues: readonly number[], q = 0.05): boolean[] {
  return benjaminiHochberg(pValues).map((a) => a <= q);
}
