/**
 * The command-line options the fuzzer and the crash harness share: the seed, how many runs, one run
 * replayed alone (`--only K`), keeping the run folders, and JSON on stdout.
 */
export function seededRunOptions(defaultRuns: string) {
  return {
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: defaultRuns },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  } as const;
}
