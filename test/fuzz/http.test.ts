import { describe, expect, it } from 'vitest';
import { runHttpFuzz } from './http-fuzz.js';

// The short run of `npm run fuzz`'s HTTP part: 300 commands, a fixed seed (FUZZ_SEED changes it).
const seed = Number(process.env.FUZZ_SEED ?? 20261201);
const count = Number(process.env.FUZZ_HTTP ?? 300);

describe(`random /rally commands over HTTP (seed ${seed})`, () => {
  it(`answers all ${count} privately within 3 s, stays healthy and logs no error`, {
    timeout: 120_000,
  }, async () => {
    const report = await runHttpFuzz({ count, seed, followUpMs: 30_000 });
    console.log(report.summary.join('\n'));
    expect(report.problems.slice(0, 20)).toEqual([]);
    expect(report.sent).toBe(count);
  });
});
