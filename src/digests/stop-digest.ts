import type { RallyContext } from '../context.js';

/** The BullMQ job scheduler that posts a channel's digest: one per channel. */
export const digestSchedulerId = (channel: string): string => `digest-${channel}`;

/** Turns a channel's digest off: its scheduler and settings go (what it last reported stays). */
export async function stopDigest(
  ctx: Pick<RallyContext, 'queues' | 'digests'>,
  channel: string,
): Promise<boolean> {
  await ctx.digests.remove(channel);
  return ctx.queues.queue('digest-post').removeJobScheduler(digestSchedulerId(channel));
}
