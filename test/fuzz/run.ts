/** Runs a fuzz target with fast-check: seeded, so every failure can be replayed from its seed and path. */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';

/** One parser under fuzzing: a fast-check property over what people (or forged payloads) can send it. */
export interface FuzzTarget {
  /** Short, unique: `--only` and the test names use it. */
  name: string;
  /** The code fuzzed, for the report. */
  code: string;
  property: fc.IProperty<never> | fc.IAsyncProperty<never>;
}

/** A target as `fuzzTarget` takes it: the property may be over any tuple of inputs. */
export function fuzzTarget<Ts>(
  name: string,
  code: string,
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
): FuzzTarget {
  return { name, code, property: property as unknown as FuzzTarget['property'] };
}

export interface FuzzRunOptions {
  numRuns: number;
  seed: number;
  /** Replays one case: the path fast-check printed for a failure. */
  path?: string;
  /** Stops generating after this long (the cases run so far are reported). */
  timeLimitMs?: number;
}

export interface FuzzOutcome {
  name: string;
  code: string;
  cases: number;
  ms: number;
  casesPerSecond: number;
  /** Stopped at the time limit before `numRuns`. */
  interrupted: boolean;
  /** fast-check's report of the smallest failing case, with its seed and path; undefined when none failed. */
  failure?: string;
  seed: number;
  path?: string;
}

// A counterexample may hold a 100,000-character string: the report keeps its start and its end.
const maxReport = 6_000;
const cut = (text: string) =>
  text.length <= maxReport
    ? text
    : `${text.slice(0, maxReport / 2)}\n… (${text.length - maxReport} characters left out) …\n${text.slice(-maxReport / 2)}`;

export async function runFuzzTarget(target: FuzzTarget, options: FuzzRunOptions): Promise<FuzzOutcome> {
  const started = performance.now();
  const details = await fc.check(target.property, {
    numRuns: options.numRuns,
    seed: options.seed,
    includeErrorInReport: true,
    ...(options.path ? { path: options.path } : {}),
    ...(options.timeLimitMs ? { plugins: [fc.interruptAfterTimeLimit(options.timeLimitMs)] } : {}),
  });
  const ms = performance.now() - started;
  const outcome: FuzzOutcome = {
    name: target.name,
    code: target.code,
    cases: details.numRuns,
    ms,
    casesPerSecond: details.numRuns / (ms / 1000),
    interrupted: details.interrupted && !details.failed,
    seed: details.seed,
  };
  if (!details.failed) return outcome;
  return {
    ...outcome,
    failure: cut(fc.defaultReportMessage(details) ?? 'failed without a report'),
    ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
  };
}
