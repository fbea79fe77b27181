import { subcommand } from '../commands/catalog.js';
import type { Config } from '../config.js';
import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import { addReactions } from '../delivery/reactions.js';
import type { AnonymousIds } from '../privacy/anonymous-id.js';
import { newScopeKey } from '../privacy/sealed-box.js';
import type { JobData } from '../queues/contracts.js';
import type { Queues } from '../queues/queues.js';
import { buildCommandErrorMessage, buildNotice } from '../slack/blocks/messages.js';
import { describeSlackFailure } from '../slack/failure-reasons.js';
import { userTimeZone } from '../slack/user-time-zone.js';
import { parseInstant } from '../time/instant-words.js';
import { buildPollMessage } from './blocks/poll-message.js';
import { optionEmojis } from './emoji.js';
import { pollQuotaProblem, underCreationLock } from './quota.js';
import { schedulePollClosing } from './schedule-closing.js';
import type { PollStore } from './store.js';
import { pollViewOf } from './view.js';
import { creatorId } from './voter.js';

type CreateJob = JobData<'poll-create'>;

export type PostPollDeps = DeliveryDeps & {
  polls: PollStore;
  queues: Queues;
  anonymousIds: AnonymousIds;
  config: Pick<Config, 'minAnonymous' | 'maxOpenPolls' | 'maxPollDays'>;
};

const dayMs = 24 * 60 * 60 * 1000;

/** When a poll closes, and whether by age only (it was given no closing time). */
interface Closing {
  at: number;
  byAge: boolean;
}

/**
 * The closing instant: from the form's picker, or the command's words read in the creator's time zone;
 * given none, `RALLY_MAX_POLL_DAYS` from now, so that no poll stays open for ever.
 */
async function closingTime(deps: PostPollDeps, job: CreateJob): Promise<Closing | { problem: string }> {
  if (job.closesAt) return { at: job.closesAt, byAge: false };
  if (!job.closesWords) return { at: Date.now() + deps.config.maxPollDays * dayMs, byAge: true };
  const zone = await userTimeZone(deps.slack, job.creatorId);
  const parsed = parseInstant(job.closesWords, new Date(), zone);
  return parsed.ok ? { at: parsed.at.getTime(), byAge: false } : { problem: parsed.problem };
}

/** Stores the poll; an anonymous one gets its random key, under which even its creator is recorded. */
async function storePoll(deps: PostPollDeps, job: CreateJob, closing: Closing): Promise<void> {
  const key = job.anonymous ? newScopeKey() : undefined;
  // In a channel shared with another organization only buttons vote: they say who is from where.
  const shared = job.anonymous
    ? false
    : await deps.slack.conversations.info({ channel: job.channel }).then(
        (info) => info.channel?.is_ext_shared === true,
        () => false,
      );
  const creator = creatorId(deps.anonymousIds, job, job.creatorId, key) ?? '';
  await deps.polls.create(
    {
      id: job.pollId,
      teamId: job.teamId,
      channel: job.channel,
      question: job.question,
      options: job.options,
      emojis: optionEmojis.slice(0, job.options.length),
      anonymous: job.anonymous,
      multiple: job.multiple,
      hidden: job.hidden,
      creator,
      reactions: !job.anonymous && !shared,
      closesAt: closing.at,
      ...(closing.byAge ? { closesByAge: true } : {}),
    },
    key,
  );
}

/**
 * Stores a requested poll (unless its creator already has `RALLY_MAX_OPEN_POLLS` open), posts it, adds
 * the option reactions (public polls) and schedules its closing, which a poll given no closing time
 * gets too, `RALLY_MAX_POLL_DAYS` later. Every step checks what an earlier attempt did, so a retried job
 * posts once. `runId` names the private notice to the creator when something goes wrong.
 */
export async function postPoll(deps: PostPollDeps, job: CreateJob, runId: string): Promise<void> {
  const { polls } = deps;
  // A notice about an anonymous poll is dropped rather than sent as a direct message (docs/PRIVACY.md).
  const creator = {
    userId: job.creatorId,
    responseUrl: job.responseUrl,
    ...(job.anonymous ? { directMessage: false } : {}),
  };
  const pollForm = subcommand('poll');
  let poll = await polls.get(job.pollId);
  if (!poll) {
    const closing = await closingTime(deps, job);
    if ('problem' in closing) {
      const refusal = buildCommandErrorMessage(closing.problem, pollForm);
      await notifyPrivately(deps, creator, refusal, deliveryIds.notice(runId));
      return;
    }
    // Counted and stored under the creator's lock: two polls requested at once cannot both take the last place.
    const tooMany = await underCreationLock(deps, job.teamId, job.creatorId, async () => {
      if (await polls.get(job.pollId)) return undefined; // stored by an earlier attempt
      const problem = await pollQuotaProblem(deps, job.teamId, job.creatorId);
      if (!problem) await storePoll(deps, job, closing);
      return problem;
    });
    if (tooMany) {
      await notifyPrivately(deps, creator, buildNotice(`:warning: ${tooMany}`), deliveryIds.notice(runId));
      return;
    }
    poll = await polls.get(job.pollId);
    if (!poll) throw new Error('poll vanished after being stored');
  }

  if (!poll.ts) {
    const view = pollViewOf(poll, await polls.tally(poll.id, poll.options.length), deps.config);
    const posted = await deliver(deps, {
      id: deliveryIds.poll(poll.id),
      ifUnsure: 'give-up',
      channel: poll.channel,
      ...buildPollMessage(view),
    });
    if (!posted.ok) {
      const problem = `I could not post the poll here: ${describeSlackFailure(posted.reason)}`;
      await notifyPrivately(
        deps,
        creator,
        buildCommandErrorMessage(problem, pollForm),
        deliveryIds.notice(runId),
      );
      return;
    }
    await polls.setMessage(poll.id, poll.channel, posted.ts);
    poll = { ...poll, ts: posted.ts };
  }

  if (poll.reactions && poll.ts)
    await addReactions(deps, { channel: poll.channel, ts: poll.ts }, poll.emojis);
  // Every poll stored since polls close by age has a closing time; older ones may not.
  if (poll.closesAt) await schedulePollClosing(deps.queues, poll.id, poll.closesAt);
}
