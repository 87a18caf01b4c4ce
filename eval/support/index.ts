// How well recurring-issue clusters recover the issues customers name themselves.
// Data: CFPB consumer complaints (../shared/datasets/support-tickets/cfpb-complaints-sample.csv,
// read in place, real, public domain): the 1,532 complaints with a narrative; the consumer chose a
// `Product` (9 classes) and an `Issue` (86), used as reference labels.
// Ours: clusterTexts — exactly what `recurringIssues` runs on ticket texts — with its default k
// (⌈√(N/5)⌉ → 18, then merging) and with k = 9 (one cluster per product). Baselines in the same
// run: (a) random assignment with our cluster sizes (mean of 20 permutations), (b) clustering by
// narrative length (the same number of equal-frequency bins). Agreement: AMI (chance-corrected),
// NMI and purity (eval/support/metrics.ts).
// Threshold (see notes): AMI vs Product ≥ 0.18 at the default settings. Measured at 0.24 (k = 9:
// 0.30) while random assignment scores 0.000 and length bins 0.03; 0.18 sits a quarter below the
// measured value and six times above the best baseline. History: with single-linkage merging of
// centroids at cosine 0.5, long narratives chained into one cluster of 1,179 and AMI fell to 0.07
// — this eval caught it, and the merge threshold is now 0.7 (no merge on CFPB; unchanged demo).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { mulberry32 } from '../../src/lib/random.js';
import { clusterTexts } from '../../src/metrics/support/index.js';
import type { EvalResult } from '../types.js';
import { type Agreement, clusterAgreement } from './metrics.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILE = path.resolve(
  REPO_ROOT,
  '../shared/datasets/support-tickets/cfpb-complaints-sample.csv',
);
export const MIN_AMI_PRODUCT = 0.18;

interface Complaint {
  text: string;
  product: string;
  issue: string;
}

function readComplaints(): Complaint[] {
  const rows = parse(readFileSync(FILE, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return rows
    .map((r) => ({
      // CFPB masks personal data as XXXX; drop it so it is not a "term".
      text: (r['Consumer complaint narrative'] ?? '').replace(/X{2,}/g, ' ').trim(),
      product: r.Product ?? '',
      issue: r.Issue ?? '',
    }))
    .filter((c) => c.text !== '');
}

function shuffled<T>(xs: readonly T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function lengthBins(texts: readonly string[], k: number): number[] {
  const order = texts.map((t, i) => ({ i, n: t.length })).sort((a, b) => a.n - b.n || a.i - b.i);
  const bins = new Array<number>(texts.length).fill(0);
  order.forEach((x, rank) => {
    bins[x.i] = Math.min(k - 1, Math.floor((rank * k) / texts.length));
  });
  return bins;
}

const mean = (xs: readonly Agreement[], key: keyof Agreement) =>
  xs.reduce((s, x) => s + x[key], 0) / Math.max(1, xs.length);

export async function run(): Promise<EvalResult> {
  const complaints = readComplaints();
  const texts = complaints.map((c) => c.text);
  const products = complaints.map((c) => c.product);
  const issues = complaints.map((c) => c.issue);
  const t0 = performance.now();
  const ours = clusterTexts(texts);
  const ms = performance.now() - t0;
  const ours9 = clusterTexts(texts, { k: 9 });
  const vsProduct = clusterAgreement(ours.assignments, products);
  const vsIssue = clusterAgreement(ours.assignments, issues);
  const vsProduct9 = clusterAgreement(ours9.assignments, products);
  const rand = mulberry32(7);
  const randoms = Array.from({ length: 20 }, () =>
    clusterAgreement(shuffled(ours.assignments, rand), products),
  );
  const byLength = clusterAgreement(lengthBins(texts, ours.clusters.length), products);
  return {
    task: 'support',
    metrics: {
      narratives: complaints.length,
      clusters: ours.clusters.length,
      ami_product: vsProduct.ami,
      nmi_product: vsProduct.nmi,
      purity_product: vsProduct.purity,
      ami_issue: vsIssue.ami,
      ami_product_k9: vsProduct9.ami,
      purity_product_k9: vsProduct9.purity,
      baseline_random_ami_product: mean(randoms, 'ami'),
      baseline_random_purity_product: mean(randoms, 'purity'),
      baseline_length_ami_product: byLength.ami,
      baseline_length_purity_product: byLength.purity,
      cluster_ms: ms,
    },
    thresholds: [
      { metric: 'ami_product', min: MIN_AMI_PRODUCT },
      { metric: 'baseline_random_ami_product', max: 0.05 },
    ],
    notes: [
      `CFPB complaints with a narrative (${complaints.length}), clustered by the recurring-issue clustering (TF-IDF + spherical k-means, 3 restarts, merge at centroid cosine 0.7) at its default k; reference labels: Product (9) and Issue (86) chosen by the consumer.`,
      'Baselines in the same run: random assignment with our cluster sizes (mean of 20) and equal-frequency bins of narrative length.',
      `Threshold AMI(Product) ≥ ${MIN_AMI_PRODUCT}: a quarter below the measured 0.24 and far above both baselines (random ≈ 0, length ≈ 0.03); a regression in tokenising, weighting or clustering (e.g. chaining clusters together, which gave 0.07) fails it.`,
      'Product is a coarse label (one "Debt collection" covers many issues) and narratives often span two products, so AMI near 1 is not expected from unsupervised clusters.',
    ],
  };
}
