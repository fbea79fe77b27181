import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** A Redis for one test file: its own `redis-server`, or the one in `REDIS_URL` when that is set. */
export interface TestRedis {
  url: string;
  /** True when this file started the server (and may stop or restart it). */
  owned: boolean;
  port: number;
  /** The server's data folder (its `dump.rdb` and `appendonlydir/`); undefined for an external Redis. */
  dir: string | undefined;
  /** Kills the server (only when owned); used to test behaviour while Redis is gone. */
  kill(): Promise<void>;
  /** Starts the server again on the same port (only when owned). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Whether a Redis answers PING at `url` right now. */
export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {}); // refused while nothing listens: the caller decides what that means
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function waitForPing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await redisAnswers(url))) {
    if (Date.now() > deadline)
      throw new Error(`redis-server at ${url} did not answer within ${timeoutMs} ms`);
    await sleep(25);
  }
}

export interface StartRedisOptions {
  /** Ignore `REDIS_URL` and always start a private server (for tests that kill it). */
  private?: boolean;
  /** Extra `redis-server` arguments, e.g. `['--maxmemory-policy', 'allkeys-lru']`. */
  args?: string[];
}

export async function startRedis(options: StartRedisOptions = {}): Promise<TestRedis> {
  const external = process.env.REDIS_URL;
  if (external && !options.private && !options.args) {
    return {
      url: external,
      owned: false,
      port: Number(new URL(external).port || 6379),
      dir: undefined,
      kill: async () => {
        throw new Error('cannot kill an external Redis');
      },
      restart: async () => {
        throw new Error('cannot restart an external Redis');
      },
      stop: async () => {},
    };
  }

  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'rally-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const launch = async () => {
    const proc = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--maxmemory-policy',
        'noeviction',
        ...(options.args ?? []),
      ],
      { stdio: 'ignore' },
    );
    proc.on('error', (err) => {
      throw new Error(`could not start redis-server (is it on PATH?): ${err.message}`);
    });
    child = proc;
    await waitForPing(url, 10_000);
  };

  const kill = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
    child = undefined;
  };

  await launch();
  return {
    url,
    owned: true,
    port,
    dir,
    kill,
    restart: launch,
    stop: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
