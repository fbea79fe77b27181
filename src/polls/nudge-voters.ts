import { deliver, unknownOutcome } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately, type PrivateAddress } from '../delivery/notify.js';
import type { JobData } from '../queues/contracts.js';
import type { FanOut } from '../queues/fan-out.js';
import { jobIds } from '../queues/job-ids.js';
import type { RunSteps } from '../queues/run-steps.js';
import { buildNotice } from '../slack/blocks/messages.js';
import { escapeMrkdwn } from '../slack/blocks/mrkdwn.js';
import { describeSlackFailure } from '../slack/failure-reasons.js';
import type { CastVoteDeps } from './cast-vote.js';
import type { StoredPoll } from './model.js';
import { voterId } from './voter.js';

export type NudgeDeps = DeliveryDeps & Omit<CastVoteDeps, 'queues' | 'pendingRedraws'>;
export type NudgeRunDeps = NudgeDeps & { runSteps: RunSteps; fanOut: FanOut };

/** A poll is nudged at most once in this many seconds, whoever presses. */
export const nudgeIntervalSeconds = 12 * 3_600;

export type NudgeRequest = { ok: true } | { ok: false; waitSeconds: number };

/**
 * Asks for a poll's non-voters to be reminded, at most once every 12 hours. For an anonymous poll the job
 * does not record who asked (they are answered through the button's response_url only, never by direct
 * message), and its record is deleted as soon as the job ends.
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
      ...(poll.anonymous ? {} : { requestedBy: requestedBy.userId }),
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

const memberHashOf = (
  deps: Pick<NudgeDeps, 'anonymousIds'>,
  poll: Pick<StoredPoll, 'id' | 'teamId'>,
  member: string,
) => deps.anonymousIds.of('nudge', poll.teamId, member, poll.id);

/** The poll message's link, or undefined when Slack does not give it (the reminder then names the poll). */
const pollLink = async (deps: NudgeDeps, channel: string, ts: string) =>
  (await deps.slack.chat.getPermalink({ channel, message_ts: ts }).catch(() => undefined))?.permalink;

/**
 * Adds one child job per channel member of a public poll who has not voted (named by the member's hash,
 * never their ID), once per run, then waits for them and returns how many were reminded. The poll's link
 * is asked of Slack once here and given to every child, rather than once per child and start.
 */
async function remindEachNonVoter(
  deps: NudgeRunDeps,
  poll: StoredPoll,
  ts: string,
  runId: string,
): Promise<number> {
  const step = `nudge-${poll.id}-${runId}`;
  if (!(await deps.runSteps.isDone(step, 'fan-out'))) {
    const self = (await deps.slack.auth.test()).user_id;
    const link = await pollLink(deps, poll.channel, ts);
    const children = [];
    for (const member of await channelMembers(deps, poll.channel)) {
      if (member === self || (await deps.polls.hasVoted(poll.id, member))) continue;
      const id = jobIds.nudgeDm(poll.id, runId, memberHashOf(deps, poll, member));
      children.push({ id, data: { pollId: poll.id, runId, member, ...(link ? { link } : {}) } });
    }
    await deps.fanOut.add('nudge-dm', children);
    await deps.runSteps.markDone(step, 'fan-out');
  }
  const { values } = await deps.fanOut.collectAll();
  return values.filter((value) => (value as { reminded?: boolean } | null)?.reminded === true).length;
}

/**
 * One member's reminder (a child job of a nudge): sent unless they voted since, or the poll closed. At most
 * once: a reminder whose answer was lost is not sent again.
 */
export async function remindNonVoter(
  deps: NudgeDeps,
  job: JobData<'nudge-dm'>,
): Promise<{ reminded: boolean }> {
  const poll = await deps.polls.get(job.pollId);
  if (!poll?.ts || poll.closed || poll.anonymous) return { reminded: false };
  const voter = voterId(deps.anonymousIds, poll, job.member, undefined);
  if (!voter || (await deps.polls.hasVoted(poll.id, voter))) return { reminded: false };
  const link = job.link ?? (await pollLink(deps, poll.channel, poll.ts));
  const question = escapeMrkdwn(poll.question);
  const text = `A poll in <#${poll.channel}> is waiting for your vote: ${link ? `<${link}|${question}>` : question}`;
  const id = deliveryIds.nudge(job.runId, memberHashOf(deps, poll, job.member));
  const sent = await deliver(deps, { id, channel: job.member, text, ifUnsure: 'give-up' });
  return { reminded: sent.ok };
}

/**
 * "Remind people who haven't voted". In a public poll (whose votes anyone can see) each channel member
 * without a vote gets a private message, one child job each. In an anonymous poll nobody is messaged alone,
 * since such a message would tell the workspace's owner who did not vote: one reminder goes in the poll's
 * thread, shown in the channel too. The creator never hears a count that the poll itself does not show.
 */
export async function nudgeVoters(
  deps: NudgeRunDeps,
  job: JobData<'poll-nudge'>,
  runId: string,
): Promise<void> {
  const poll = await deps.polls.get(job.pollId);
  // A nudge of an anonymous poll carries no user ID: its answer goes through the response_url or nowhere.
  const to = {
    userId: job.requestedBy ?? '',
    responseUrl: job.responseUrl,
    directMessage: job.requestedBy !== undefined && poll?.anonymous !== true,
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
    const sent = await deliver(deps, {
      id: deliveryIds.nudgeThread(poll.id, runId),
      channel: poll.channel,
      threadTs: poll.ts,
      broadcast: true,
      ifUnsure: 'give-up',
      text,
    });
    const alone = 'Nobody was messaged alone: in an anonymous poll that would show who had not voted.';
    // Not posted again after a lost answer, so the creator is told rather than told it was posted.
    answer = sent.ok
      ? `I posted a reminder in the poll’s thread, also shown in the channel. ${alone}`
      : sent.reason === unknownOutcome
        ? `Slack did not confirm the reminder in the poll’s thread (its answer was lost): look there to see whether it was posted. ${alone}`
        : `I could not post the reminder in the poll’s thread: ${describeSlackFailure(sent.reason)}`;
  } else {
    const reminded = await remindEachNonVoter(deps, poll, poll.ts, runId);
    deps.logger.info({ reminded: poll.hidden ? undefined : reminded }, 'poll nudge sent');
    answer = poll.hidden
      ? 'I privately reminded the people in the channel who had not voted. (How many stays hidden until the poll closes, like its results.)'
      : reminded === 0
        ? 'Everyone in the channel has voted: nobody needed a reminder.'
        : `I privately reminded ${reminded} ${reminded === 1 ? 'person' : 'people'} who had not voted.`;
  }
  await notifyPrivately(deps, to, buildNotice(answer), noticeId);
}
