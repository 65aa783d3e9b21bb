/** One measured figure of a benchmark. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same work done the plainest way in the same run (e.g. a raw SELECT), for scale. */
  baseline?: number;
  /** value ÷ baseline. */
  ratio?: number;
  /** Anything a reader needs to interpret the figure (sizes, iterations). */
  note?: string;
}

/** What every `tests/bench/*.bench.ts` module exports. */
export interface BenchModule {
  run(): Promise<BenchResult[]>;
}
