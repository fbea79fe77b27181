import { describe, expect, it } from 'vitest';
import { runFuzzTarget } from './run.js';
import { fuzzTargets } from './targets/index.js';

// The short run: the same properties as `npm run fuzz`, fewer cases, a fixed seed so a failure repeats.
// FUZZ_SEED and FUZZ_RUNS change them: `FUZZ_SEED=7 FUZZ_RUNS=20000 npx vitest run test/fuzz/parsers`.
const seed = Number(process.env.FUZZ_SEED ?? 20261201);
const numRuns = Number(process.env.FUZZ_RUNS ?? 500);

describe(`parsers under fuzzing (seed ${seed}, ${numRuns} cases each)`, () => {
  it.each(fuzzTargets.map((t) => [t.name, t] as const))('%s', async (_name, target) => {
    const outcome = await runFuzzTarget(target, { numRuns, seed });
    if (outcome.failure) {
      throw new Error(
        `${target.name} (${target.code}) failed.\n${outcome.failure}\n` +
          `Replay: FUZZ_SEED=${seed} npx vitest run test/fuzz/parsers -t '${target.name}', or ` +
          `npm run fuzz -- --only '${target.name}' --seed ${seed}${outcome.path ? ` --path ${outcome.path}` : ''}`,
      );
    }
    expect(outcome.cases).toBe(numRuns);
  });
});
