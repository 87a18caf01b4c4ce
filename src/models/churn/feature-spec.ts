// Feature specification for the churn model: which columns to use and how to read them.
// numeric: a number (or a numeric string); blank/null is missing → training-mean imputation
// plus a 0/1 "missing" indicator column when training saw missing values. categorical: any
// value, compared as a string; blank/null is the level "(missing)"; one-hot encoded with the
// levels seen in training (or the listed ones); unseen levels encode as all zeros.

import { z } from 'zod';

export const NumericFeature = z.object({
  name: z.string().min(1),
  kind: z.literal('numeric'),
  /** Row field to read; defaults to `name` (lets one column feed several features). */
  column: z.string().min(1).optional(),
  /** log1p compresses long right tails (tenure, spend); values must be > −1. Default none. */
  transform: z.enum(['none', 'log1p']).optional(),
});
export type NumericFeature = z.infer<typeof NumericFeature>;

export const CategoricalFeature = z.object({
  name: z.string().min(1),
  kind: z.literal('categorical'),
  /** Row field to read; defaults to `name`. */
  column: z.string().min(1).optional(),
  /** Fixed level order; by default the sorted levels seen in training. */
  levels: z.array(z.string()).optional(),
});
export type CategoricalFeature = z.infer<typeof CategoricalFeature>;

export const FeatureSpec = z.discriminatedUnion('kind', [NumericFeature, CategoricalFeature]);
export type FeatureSpec = z.infer<typeof FeatureSpec>;

export const FeatureSpecList = z
  .array(FeatureSpec)
  .min(1)
  .refine((specs) => new Set(specs.map((s) => s.name)).size === specs.length, {
    message: 'feature names must be unique',
  });

export type FeatureValue = number | string | boolean | null | undefined;
export type FeatureRow = Readonly<Record<string, FeatureValue>>;

export const MISSING_LEVEL = '(missing)';
