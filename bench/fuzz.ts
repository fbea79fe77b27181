/**
 * `npm run fuzz`: every parser fuzzer of `test/fuzz/` with 100,000 cases each, then 5,000 random `/rally`
 * commands over HTTP to the real app. Prints cases per second per parser, the HTTP latencies and memory,
 * and exits 1 on any failure, with the seed (and path) that replays it.
 *
 *   npm run fuzz                                   all of it, a new seed
 *   npm run fuzz -- --seed 42                      the same cases as an earlier run
 *   npm run fuzz -- --only parseWhen --runs 1000   one parser (a name or part of one), fewer cases
 *   npm run fuzz -- --only parseWhen --seed 42 --path 17:3   replay the failing case a run printed
 *   npm run fuzz -- --http 0                       parsers only; `--runs 0` for HTTP only
 */
import { parseArgs } from 'node:util';
import { type HttpFuzzReport, runHttpFuzz } from '../test/fuzz/http-fuzz.js';
import { type FuzzOutcome, runFuzzTarget } from '../test/fuzz/run.js';
import { fuzzTargets } from '../test/fuzz/targets/index.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    runs: { type: 'string', default: '100000' },
    only: { type: 'string', multiple: true },
    path: { type: 'string' },
    http: { type: 'string', default: '5000' },
    'max-minutes': { type: 'string', default: '15' },
  },
});

const seed = values.seed === undefined ? (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0 : Number(values.seed);
const runs = Number(values.runs);
const httpCount = Number(values.http);
const timeLimitMs = Number(values['max-minutes']) * 60_000;
const only = values.only ?? [];
const targets = fuzzTargets.filter((t) => only.length === 0 || only.some((o) => t.name.includes(o)));
if (targets.length === 0) {
  console.error(
    `no fuzz target matches ${only.join(', ')}; they are: ${fuzzTargets.map((t) => t.name).join(', ')}`,
  );
  process.exit(2);
}

const unhandled: string[] = [];
process.on('unhandledRejection', (err) => unhandled.push(String(err)));

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pad = (text: string, width: number) => text.padEnd(width);
const padStart = (text: string, width: number) => text.padStart(width);

console.log(`seed ${seed} (the same cases again: npm run fuzz -- --seed ${seed})`);
const outcomes: FuzzOutcome[] = [];
if (runs > 0) {
  console.log(
    `\n${pad('parser', 26)}${padStart('cases', 10)}${padStart('seconds', 9)}${padStart('cases/s', 10)}  result`,
  );
  for (const target of targets) {
    const outcome = await runFuzzTarget(target, {
      numRuns: runs,
      seed,
      timeLimitMs,
      ...(values.path ? { path: values.path } : {}),
    });
    outcomes.push(outcome);
    const result = outcome.failure ? 'FAILED' : outcome.interrupted ? 'stopped at the time limit' : 'ok';
    console.log(
      `${pad(target.name, 26)}${padStart(fmt(outcome.cases), 10)}${padStart((outcome.ms / 1000).toFixed(1), 9)}${padStart(fmt(outcome.casesPerSecond), 10)}  ${result}`,
    );
    if (outcome.failure) {
      console.log(`\n${target.name} (${target.code}):\n${outcome.failure}`);
      console.log(
        `replay: npm run fuzz -- --only '${target.name}' --seed ${outcome.seed}${outcome.path ? ` --path ${outcome.path}` : ''} --http 0\n`,
      );
    }
  }
  const cases = outcomes.reduce((sum, o) => sum + o.cases, 0);
  const ms = outcomes.reduce((sum, o) => sum + o.ms, 0);
  console.log(
    `${pad('total', 26)}${padStart(fmt(cases), 10)}${padStart((ms / 1000).toFixed(1), 9)}${padStart(fmt(cases / (ms / 1000)), 10)}`,
  );
}

let http: HttpFuzzReport | undefined;
if (httpCount > 0) {
  console.log(`\n${fmt(httpCount)} random /rally commands over HTTP to the real app (seed ${seed})…`);
  http = await runHttpFuzz({ count: httpCount, seed, log: (line) => console.log(`  ${line}`) });
  for (const line of http.summary) console.log(`  ${line}`);
  for (const problem of http.problems.slice(0, 20)) console.log(`  PROBLEM ${problem}`);
  if (http.problems.length > 20) console.log(`  … and ${http.problems.length - 20} more problems`);
}

const failed = outcomes.filter((o) => o.failure || o.interrupted).map((o) => o.name);
if (http && http.problems.length > 0) failed.push('HTTP');
if (unhandled.length > 0) {
  console.log(`\nunhandled rejections: ${unhandled.slice(0, 5).join('; ')}`);
  failed.push('unhandled rejections');
}
console.log(failed.length === 0 ? '\nall passed' : `\nFAILED: ${failed.join(', ')} (seed ${seed})`);
process.exit(failed.length === 0 ? 0 : 1);
