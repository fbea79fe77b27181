import { setTimeout as sleep } from 'node:timers/promises';
import { testEnv } from '../support/rally.js';
import type { ApiCall, SlackChannel, SlackStandIn, Workspace } from '../support/slack/index.js';
import { addCoworkers, BOT_USER_ID, publicChannel, USERS } from '../support/slack/index.js';
import { type RallyChild, spawnRally } from '../support/spawn-rally.js';

export { until } from '../support/until.js';

/** `count` people with IDs Rally accepts (`U0P00001`, ...), added to the workspace. */
export function addPeople(workspace: Workspace, count: number, prefix = 'U0P'): string[] {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);
  addCoworkers(
    workspace,
    ids.map((id, i) => ({ id, realName: `Person ${i + 1}` })),
  );
  return ids;
}

/**
 * `count` public channels (`C0CHAN0001`, ...). Every other one has the bot as a member; Rally joins the
 * rest before posting, as it does with a public channel it is not in.
 */
export function addChannels(
  workspace: Workspace,
  count: number,
  members: string[] = [USERS.alice],
  prefix = 'C0CHAN',
): SlackChannel[] {
  const channels = Array.from({ length: count }, (_, i) =>
    publicChannel(`${prefix}${String(i + 1).padStart(4, '0')}`, `chaos-${i + 1}`, [
      ...members,
      ...(i % 2 === 0 ? [BOT_USER_ID] : []),
    ]),
  );
  workspace.channels.push(...channels);
  return channels;
}

/** `<#C...|name>`, as Slack writes a channel mention in a command. */
export const mention = (c: Pick<SlackChannel, 'id' | 'name'>) => `<#${c.id}|${c.name}>`;

/** The text of what Rally posted to a response_url ('' when there is none). */
export const textOf = (post: { body: unknown } | undefined): string =>
  (post?.body as { text?: string } | undefined)?.text ?? '';

/** The ID of a response_url, as the stand-in records its posts. */
export const responseUrlId = (url: unknown) => String(url).split('/').pop() ?? '';

/** How many calls went to each `channel` argument. */
export function countByChannel(calls: ApiCall[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) {
    const channelArg = String(call.args.channel);
    counts.set(channelArg, (counts.get(channelArg) ?? 0) + 1);
  }
  return counts;
}

/** Messages Rally's bot has in Slack now (what landed, whether or not Rally heard back), by channel. */
export function botMessagesByChannel(standIn: SlackStandIn): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of standIn.messages()) {
    if (message.user !== BOT_USER_ID) continue;
    counts.set(message.channel, (counts.get(message.channel) ?? 0) + 1);
  }
  return counts;
}

/** A Rally worker process (ROLE=worker) against the stand-in and Redis, once it has started. */
export async function startWorker(
  standIn: SlackStandIn,
  redisUrl: string,
  env: Record<string, string> = {},
): Promise<RallyChild> {
  const worker = spawnRally(testEnv(standIn, redisUrl, { role: 'worker', env }));
  await worker.waitForLog('rally started', 30_000);
  return worker;
}

/** Stops a child process: SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopChild(child: RallyChild, graceMs = 15_000): Promise<void> {
  if (child.child.exitCode !== null || child.child.signalCode !== null) return;
  child.child.kill('SIGTERM');
  const exited = await Promise.race([child.exited, sleep(graceMs).then(() => undefined)]);
  if (exited === undefined) {
    child.child.kill('SIGKILL');
    await child.exited;
  }
}

/** Log lines (of a child or of the in-process Rally) that say something went wrong beyond what is handled. */
export function crashLines(entries: Record<string, unknown>[]): Record<string, unknown>[] {
  return entries.filter(
    (e) =>
      e.msg === 'unhandled rejection' ||
      e.msg === 'uncaught exception' ||
      (typeof e.level === 'number' && e.level >= 60),
  );
}
