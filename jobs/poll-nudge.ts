import { buildNotice } from '../src/commands/blocks/help.js';
import { deliver } from '../src/delivery/deliver.js';
import { notifyPrivately } from '../src/delivery/notify.js';
import { voterId } from '../src/polls/voter.js';
import type { JobData } from '../src/queues/queues.js';
import { escapeMrkdwn } from '../src/slack/blocks/mrkdwn.js';
import type { JobDeps } from './processor.js';

/** Every member of a channel, page by page. */
async function channelMembers(deps: JobDeps, channel: string): Promise<string[]> {
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
 * hashes while the poll is open. A retried job skips the people already reminded (the delivery records).
 */
export async function processPollNudge(job: JobData<'poll-nudge'>, deps: JobDeps): Promise<void> {
  const { polls, slack, anonymousIds, logger } = deps;
  const to = { userId: job.requestedBy, responseUrl: job.responseUrl };
  const poll = await polls.get(job.pollId);
  if (!poll || poll.closed || !poll.ts) {
    await notifyPrivately(to, buildNotice('This poll is closed, so there is nobody left to remind.'), deps);
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
    // Named by a keyed hash of the member: the records say how many were reminded, never who.
    const id = `nudge-${String(deps.job.id)}-${anonymousIds.of('nudge', poll.teamId, member, poll.id)}`;
    const sent = await deliver({ id, channel: member, text }, deps);
    if (sent.ok) reminded++;
  }
  logger.info({ reminded }, 'poll nudge sent');
  await notifyPrivately(
    to,
    buildNotice(
      reminded === 0
        ? 'Everyone in the channel has voted: nobody needed a reminder.'
        : `I privately reminded ${reminded} ${reminded === 1 ? 'person' : 'people'} who had not voted.`,
    ),
    deps,
  );
}
