import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Rally as an operator runs it: its own Node process, configured by environment only. */
export interface RallyChild {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Parsed JSON log lines so far. */
  logs(): Record<string, unknown>[];
  /** Resolves with the first log line whose `msg` matches. */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/**
 * Starts `src/main.ts` (through tsx, so no build step is needed) with exactly the given environment
 * plus PATH.
 */
export function spawnRally(env: NodeJS.ProcessEnv, script = 'src/main.ts'): RallyChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { msg: string; resolve: (entry: Record<string, unknown>) => void }[] = [];
  const parse = (line: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      stdout.push(line);
      const entry = parse(line);
      if (!entry) continue;
      for (const waiter of waiters.filter((w) => w.msg === entry.msg)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(entry);
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const logs = () => stdout.map(parse).filter((e): e is Record<string, unknown> => e !== undefined);

  return {
    child,
    stdout,
    stderr,
    logs,
    exited,
    waitForLog(msg, timeoutMs = 20_000) {
      const seen = logs().find((e) => e.msg === msg);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new Error(
              `no log "${msg}" within ${timeoutMs} ms.\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('')}`,
            ),
          );
        }, timeoutMs);
        waiters.push({
          msg,
          resolve: (entry) => {
            clearTimeout(timer);
            resolve(entry);
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`rally exited (${code}) before logging "${msg}".\nstderr:\n${stderr.join('')}`));
        });
      });
    },
  };
}
