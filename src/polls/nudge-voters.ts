import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately, type PrivateAddress } from '../delivery/notify.js';
import type { JobData } from '../queues/contracts.js';
import { buildNotice } from '../slack/blocks/messages.js';
import { escapeMrkdwn } from '../slack/blocks/mrkdwn.js';
import type { CastVoteDeps } from './cast-vote.js';
import type { StoredPoll } from './model.js';
import { voterId } from './voter.js';

export type NudgeDeps = DeliveryDeps & Omit<CastVoteDeps, 'queues'>;

/** Asks for the channel's members who have not voted to be reminded; the creator hears how many. */
export async function requestNudge(
  deps: Pick<CastVoteDeps, 'queues'>,
  poll: Pick<StoredPoll, 'id'>,
  requestedBy: PrivateAddress,
): Promise<void> {
  await deps.queues.enqueue('poll-nudge', {
    pollId: poll.id,
    requestedBy: requestedBy.userId,
    ...(requestedBy.responseUrl ? { responseUrl: requestedBy.responseUrl } : {}),
  });
}

/** Every member of a channel, page by page. */
async function channelMembers(deps: NudgeDeps, channel: string): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.slack.conversations.members({
      channel,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    members.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members;
}

/**
 * "Remind people who haven't voted": a private message to each channel member without a vote, and to the
 * creator only the number reminded. For an anonymous poll, who has voted is checked through the keyed
 * hashes while the poll is open. A retried job skips the people already reminded (the delivery records,
 * named by a keyed hash of each member, never their ID).
 */
export async function nudgeVoters(deps: NudgeDeps, job: JobData<'poll-nudge'>, runId: string): Promise<void> {
  const { polls, slack, anonymousIds, logger } = deps;
  const to = { userId: job.requestedBy, responseUrl: job.responseUrl };
  const noticeId = deliveryIds.notice(runId);
  const poll = await polls.get(job.pollId);
  if (!poll || poll.closed || !poll.ts) {
    const closed = buildNotice('This poll is closed, so there is nobody left to remind.');
    await notifyPrivately(deps, to, closed, noticeId);
    return;
  }
  const key = poll.anonymous ? await polls.anonymityKey(poll.id) : undefined;
  const self = (await slack.auth.test()).user_id;
  const link = (
    await slack.chat.getPermalink({ channel: poll.channel, message_ts: poll.ts }).catch(() => undefined)
  )?.permalink;
  const question = escapeMrkdwn(poll.question);
  const text = `A poll in <#${poll.channel}> is waiting for your vote: ${link ? `<${link}|${question}>` : question}`;

  let reminded = 0;
  for (const member of await channelMembers(deps, poll.channel)) {
    if (member === self) continue;
    const voter = voterId(anonymousIds, poll, member, key);
    if (!voter || (await polls.hasVoted(poll.id, voter))) continue;
    const memberHash = anonymousIds.of('nudge', poll.teamId, member, poll.id);
    const sent = await deliver(deps, { id: deliveryIds.nudge(runId, memberHash), channel: member, text });
    if (sent.ok) reminded++;
  }
  logger.info({ reminded }, 'poll nudge sent');
  const answer =
    reminded === 0
      ? 'Everyone in the channel has voted: nobody needed a reminder.'
      : `I privately reminded ${reminded} ${reminded === 1 ? 'person' : 'people'} who had not voted.`;
  await notifyPrivately(deps, to, buildNotice(answer), noticeId);
}
