import type { Queues } from '../queues/queues.js';
import type { NewPoll } from './model.js';
import { type PollQuotaDeps, pollQuotaProblem } from './quota.js';
import { PollStore } from './store.js';

/** A poll someone asked for, from the command or the form, already checked. */
export interface PollRequest {
  teamId: string;
  channel: string;
  creatorId: string;
  poll: NewPoll;
  /**
   * The command's closing words: the command was checked in UTC, so the job reads them again in the
   * creator's time zone and `poll.closesAt` is not used. The form's picker gives an instant, used as is.
   */
  closesWords?: string | undefined;
  responseUrl?: string | undefined;
}

/**
 * Starts a poll: the creating job reads the closing time in the creator's zone, stores the poll and posts
 * it (see `post-poll.ts`). Nothing is stored here, so the request is acknowledged at once. Refused, with
 * the reason, when the creator already has `RALLY_MAX_OPEN_POLLS` open polls (the job checks again).
 */
export async function requestPoll(
  deps: PollQuotaDeps & { queues: Queues },
  request: PollRequest,
): Promise<{ ok: true } | { ok: false; problem: string }> {
  const problem = await pollQuotaProblem(deps, request.teamId, request.creatorId);
  if (problem) return { ok: false, problem };
  const { poll } = request;
  await deps.queues.enqueue(
    'poll-create',
    {
      pollId: PollStore.newId(),
      teamId: request.teamId,
      channel: request.channel,
      creatorId: request.creatorId,
      question: poll.question,
      options: poll.options,
      anonymous: poll.anonymous,
      multiple: poll.multiple,
      hidden: poll.hidden,
      ...(request.closesWords
        ? { closesWords: request.closesWords }
        : poll.closesAt
          ? { closesAt: poll.closesAt.getTime() }
          : {}),
      ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}),
    },
    // The job names the creator: for an anonymous poll its record must not outlive the job.
    poll.anonymous ? { removeOnComplete: true, removeOnFail: true } : {},
  );
  return { ok: true };
}
