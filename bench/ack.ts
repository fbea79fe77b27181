/**
 * How fast Rally acknowledges Slack: signed `/rally help` requests over HTTP against the real app
 * (HTTP receiver, real Redis, its own process), and against a bare Bolt app that only acks, first at a
 * fixed rate and then at full speed. Prints requests per second and ack latency for both.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { testEnv, testSigningSecret } from '../test/support/rally.js';
import { startRedis } from '../test/support/redis-server.js';
import { SlackStandIn, signRequest, slashCommandBody } from '../test/support/slack/index.js';
import { spawnRally } from '../test/support/spawn-rally.js';

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const fixedRate = Number(process.env.BENCH_RATE ?? 1_000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

function signedHelpRequests(standIn: SlackStandIn, count: number): autocannon.Request[] {
  // Signed once up front: a signature stays valid for five minutes, longer than the run.
  return Array.from({ length: count }, (_, i) => {
    const form = slashCommandBody(standIn, { text: 'help', user: `U0BENCH${String(i).padStart(4, '0')}` });
    const body = new URLSearchParams(form as Record<string, string>).toString();
    const { timestamp, signature } = signRequest(testSigningSecret, body);
    return {
      method: 'POST',
      path: '/slack/events',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signature,
      },
      body,
    };
  });
}

async function drive(port: number, requests: autocannon.Request[], rate?: number): Promise<Figures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: rate ? Math.min(connections, 20) : connections,
    duration: durationSeconds,
    requests,
    ...(rate ? { overallRate: rate } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export async function run(): Promise<void> {
  const redis = await startRedis({ private: true });
  const standIn = await SlackStandIn.start({ signingSecret: testSigningSecret });
  const env = { ...testEnv(standIn, redis.url), LOG_LEVEL: 'info' };
  const rally = spawnRally(env);
  const bare = spawnRally(env, 'bench/bare-bolt.ts');
  try {
    const rallyPort = Number((await rally.waitForLog('rally started')).port);
    const barePort = Number((await bare.waitForLog('rally started')).port);
    const requests = signedHelpRequests(standIn, 200);
    await drive(rallyPort, requests.slice(0, 10), 200); // warm-up
    await sleep(200);

    const rows: [string, Figures][] = [];
    for (const [label, rate] of [
      [`fixed ${fixedRate}/s`, fixedRate],
      ['full speed', undefined],
    ] as const) {
      rows.push([`rally, ${label}`, await drive(rallyPort, requests, rate)]);
      rows.push([`bare bolt, ${label}`, await drive(barePort, requests, rate)]);
    }

    console.log(
      `\nack benchmark: signed /rally help over HTTP, ${durationSeconds} s per run, ${connections} connections at full speed\n`,
    );
    console.log('| run | req/s | p50 ms | p99 ms | max ms | non-2xx | errors |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const [label, f] of rows) {
      console.log(
        `| ${label} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${f.max} | ${f.non2xx} | ${f.errors} |`,
      );
    }
    const rallyFull = rows[2]?.[1];
    const bareFull = rows[3]?.[1];
    if (rallyFull && bareFull) {
      console.log(
        `\nrally / bare bolt at full speed: ${(rallyFull.rps / bareFull.rps).toFixed(2)}x throughput, ` +
          `${(rallyFull.p99 / Math.max(bareFull.p99, 1)).toFixed(2)}x p99 latency`,
      );
    }
  } finally {
    rally.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    await Promise.all([rally.exited, bare.exited]);
    await standIn.close();
    await redis.stop();
  }
}
