// Contract for every benchmark: bench/run.ts calls each topic's `run()` and prints the figures,
// each beside the peer or baseline measured in the same run.
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** Baseline measured in the same run, for the ratio. */
  baseline?: { name: string; value: number };
  /** Target the issue names, e.g. { op: '<=', value: 1 } seconds. */
  target?: { op: '<=' | '>='; value: number };
}

export interface BenchResult {
  topic: string;
  figures: BenchFigure[];
  notes?: string[];
}
