import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves with what `read` gives once it is truthy; throws after `timeoutMs`, naming `what`. */
export async function until<T>(
  what: string,
  read: () => T | Promise<T>,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
