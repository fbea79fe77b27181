import { type ChildProcess, spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, redisAnswers } from './support/redis-server.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** `npm run playground` as a newcomer runs it: its own process, no REDIS_URL. */
function runPlayground(env: NodeJS.ProcessEnv): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/playground/main.ts'], {
    cwd: root,
    env: { HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const playgroundDirs = async () =>
  (await readdir(tmpdir())).filter((d) => d.startsWith('rally-playground-redis-'));

describe('npm run playground', () => {
  it('starts its own Redis when none is configured, serves the page, and cleans up on Ctrl-C', async () => {
    const port = await freePort();
    const run = runPlayground({ PATH: process.env.PATH, PLAYGROUND_PORT: String(port) });
    await expect.poll(run.output, { timeout: 30_000 }).toContain('Open the playground: http://');
    const started = /private redis-server for this session at (redis:\/\/\S+) \(in (\S+), removed on exit\)/;
    const [, redisUrl = '', dir = ''] = run.output().match(started) ?? [];
    expect(redisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(await redisAnswers(redisUrl)).toBe(true);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    expect(await playgroundDirs()).toContain(basename(dir));

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Stopped.');
    expect(await redisAnswers(redisUrl)).toBe(false);
    expect(await playgroundDirs()).not.toContain(basename(dir));
  }, 60_000);

  it('says how to get Redis when there is no redis-server on PATH', async () => {
    const run = runPlayground({ PATH: '/nonexistent' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('there is no redis-server on PATH');
    expect(run.output()).toContain('apt-get install redis-server');
  }, 30_000);
});
