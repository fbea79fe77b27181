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

export type NudgeDeps = DeliveryDeps & Omit<CastVoteDeps, 'queues' | 'pendingRedraws'>;

/** A poll is nudged at most once in this many seconds, whoever presses. */
export const nudgeIntervalSeconds = 12 * 3_600;

export type NudgeRequest = { ok: true } | { ok: false; waitSeconds: number };

/**
 * Asks for a poll's non-voters to be reminded, at most once every 12 hours. For an anonymous poll the
 * job's record (which names who asked) is deleted as soon as the job ends.
 */
export async function requestNudge(
  deps: Pick<CastVoteDeps, 'queues' | 'polls'>,
  poll: Pick<StoredPoll, 'id' | 'anonymous'>,
  requestedBy: PrivateAddress,
): Promise<NudgeRequest> {
  if (!(await deps.polls.claimNudge(poll.id, nudgeIntervalSeconds))) {
    return { ok: false, waitSeconds: await deps.polls.nudgeWait(poll.id) };
  }
  await deps.queues.enqueue(
    'poll-nudge',
    {
      pollId: poll.id,
      requestedBy: requestedBy.userId,
      ...(requestedBy.responseUrl ? { responseUrl: requestedBy.responseUrl } : {}),
    },
    poll.anonymous ? { removeOnComplete: true, removeOnFail: true } : {},
  );
  return { ok: true };
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

/** A private reminder to each member of a public poll's channel who has not voted; returns how many. */
async function remindEachNonVoter(
  deps: NudgeDeps,
  poll: StoredPoll & { ts: string },
  runId: string,
): Promise<number> {
  const { slack, polls, anonymousIds } = deps;
  const self = (await slack.auth.test()).user_id;
  const link = (
    await slack.chat.getPermalink({ channel: poll.channel, message_ts: poll.ts }).catch(() => undefined)
  )?.permalink;
  const question = escapeMrkdwn(poll.question);
  const text = `A poll in <#${poll.channel}> is waiting for your vote: ${link ? `<${link}|${question}>` : question}`;
  let reminded = 0;
  for (const member of await channelMembers(deps, poll.channel)) {
    if (member === self) continue;
    const voter = voterId(anonymousIds, poll, member, undefined);
    if (!voter || (await polls.hasVoted(poll.id, voter))) continue;
    const memberHash = anonymousIds.of('nudge', poll.teamId, member, poll.id);
    const sent = await deliver(deps, {
      id: deliveryIds.nudge(runId, memberHash),
      channel: member,
      text,
      ifUnsure: 'give-up',
    });
    if (sent.ok) reminded++;
  }
  return reminded;
}

/**
 * "Remind people who haven't voted". In a public poll (whose votes anyone can see) each channel member
 * without a vote gets a private message. In an anonymous poll nobody is messaged alone, since such a
 * message would tell the workspace's owner who did not vote: one reminder goes in the poll's thread, shown
 * in the channel too. The creator never hears a count that the poll itself does not show.
 */
export async function nudgeVoters(deps: NudgeDeps, job: JobData<'poll-nudge'>, runId: string): Promise<void> {
  const poll = await deps.polls.get(job.pollId);
  const to = {
    userId: job.requestedBy,
    responseUrl: job.responseUrl,
    directMessage: poll?.anonymous !== true,
  };
  const noticeId = deliveryIds.notice(runId);
  if (!poll || poll.closed || !poll.ts) {
    const closed = buildNotice('This poll is closed, so there is nobody left to remind.');
    await notifyPrivately(deps, to, closed, noticeId);
    return;
  }
  let answer: string;
  if (poll.anonymous) {
    const text = `:ballot_box_with_ballot: A reminder: this anonymous poll is still open. If you have not voted yet, vote with the buttons on the poll: "${escapeMrkdwn(poll.question)}"`;
    await deliver(deps, {
      id: deliveryIds.nudgeThread(poll.id, runId),
      channel: poll.channel,
      threadTs: poll.ts,
      broadcast: true,
      ifUnsure: 'give-up',
      text,
    });
    answer =
      'I posted a reminder in the poll’s thread, also shown in the channel. Nobody was messaged alone: in an anonymous poll that would show who had not voted.';
  } else {
    const reminded = await remindEachNonVoter(deps, { ...poll, ts: poll.ts }, runId);
    deps.logger.info({ reminded: poll.hidden ? undefined : reminded }, 'poll nudge sent');
    answer = poll.hidden
      ? 'I privately reminded the people in the channel who had not voted. (How many stays hidden until the poll closes, like its results.)'
      : reminded === 0
        ? 'Everyone in the channel has voted: nobody needed a reminder.'
        : `I privately reminded ${reminded} ${reminded === 1 ? 'person' : 'people'} who had not voted.`;
  }
  await notifyPrivately(deps, to, buildNotice(answer), noticeId);
}
