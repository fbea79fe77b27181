/**
 * Rally's own entry point (`src/main.ts`, started as an operator starts it), plus one JSON line of memory
 * figures every `BENCH_MEMORY_EVERY_MS` (10 s), taken right after a full garbage collection so that the
 * heap figure is what is still reachable, for the `soak` benchmark.
 */
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const everyMs = Number(process.env.BENCH_MEMORY_EVERY_MS ?? 10_000);

setInterval(() => {
  collect();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  const line = { msg: 'bench memory', at: Date.now(), rss, heapUsed, heapTotal, external, arrayBuffers };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}, everyMs).unref();

// `src/main.ts` starts Rally only when it is the script Node was asked to run.
process.argv[1] = fileURLToPath(new URL('../src/main.ts', import.meta.url));
await import('../src/main.js');
