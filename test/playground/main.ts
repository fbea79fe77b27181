/**
 * `npm run playground`: the real Rally against a local Slack workspace, with a web page to use it.
 * Redis: `REDIS_URL` when it answers, else a private `redis-server` in a temporary folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/logger.js';
import { startPlayground } from './server.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function answers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject()));
    });
  });
}

interface PrivateRedis {
  url: string;
  /** Its temporary folder, removed when it stops. */
  dir: string;
  stop(): Promise<void>;
}

/** A `redis-server` from PATH, on a free port, keeping nothing on disk but its temporary folder. */
async function startPrivateRedis(): Promise<PrivateRedis | 'missing'> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'rally-playground-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child: ChildProcess = spawn('redis-server', [...args, '--dir', dir], { stdio: 'ignore' });
  const failed = new Promise<'missing'>((resolve) => child.once('error', () => resolve('missing')));
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  const ready = (async () => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) return false;
      if (await answers(url, 300)) return true;
      await sleep(50);
    }
    return false;
  })();
  const outcome = await Promise.race([failed, ready]);
  if (outcome === 'missing') {
    await rm(dir, { recursive: true, force: true });
    return 'missing';
  }
  if (!outcome) {
    await stop();
    throw new Error('redis-server started but did not answer within 10 s');
  }
  return { url, dir, stop };
}

async function main(): Promise<void> {
  let redisUrl = process.env.REDIS_URL?.trim();
  let privateRedis: PrivateRedis | undefined;
  if (redisUrl && (await answers(redisUrl))) {
    say(`Using the Redis in REDIS_URL (Rally's keys go under their own playground namespace).`);
  } else {
    if (redisUrl) say(`REDIS_URL (${redisUrl}) does not answer; starting a private Redis instead.`);
    const started = await startPrivateRedis();
    if (started === 'missing') {
      process.stderr.write(
        [
          'The playground needs Redis, and there is no redis-server on PATH (and REDIS_URL is not set or does not answer).',
          'Install one, then run `npm run playground` again:',
          '  Debian/Ubuntu: sudo apt-get install redis-server',
          '  macOS:         brew install redis',
          'or point REDIS_URL at a Redis you may use, e.g. REDIS_URL=redis://127.0.0.1:6379 npm run playground',
          '',
        ].join('\n'),
      );
      process.exit(1);
    }
    privateRedis = started;
    redisUrl = started.url;
    say(
      `Started a private redis-server for this session at ${started.url} (in ${started.dir}, removed on exit).`,
    );
  }

  const logger = createLogger({ level: (process.env.LOG_LEVEL as 'warn' | undefined) ?? 'warn' });
  const port = process.env.PLAYGROUND_PORT ? Number(process.env.PLAYGROUND_PORT) : 3210;
  let playground: Awaited<ReturnType<typeof startPlayground>>;
  try {
    playground = await startPlayground({ redisUrl, port, logger });
  } catch (err) {
    process.stderr.write(`The playground could not start: ${(err as Error).message}\n`);
    await privateRedis?.stop();
    process.exit(1);
  }
  say('');
  say(`Rally is running against a local Slack workspace. Open the playground: ${playground.url}`);
  say('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    say('\nStopping the playground…');
    setTimeout(() => {
      process.stderr.write('Stopping took too long; exiting.\n');
      void privateRedis?.stop().finally(() => process.exit(1));
    }, 15_000).unref();
    playground
      .stop()
      .then(() => privateRedis?.stop())
      .then(
        () => {
          say('Stopped.');
          process.exit(0);
        },
        (err: unknown) => {
          process.stderr.write(`Stopping failed: ${(err as Error).message}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
