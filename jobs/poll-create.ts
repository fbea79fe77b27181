import { buildCommandErrorMessage } from '../src/commands/blocks/help.js';
import { deliver } from '../src/delivery/deliver.js';
import { notifyPrivately } from '../src/delivery/notify.js';
import { buildPollMessage } from '../src/polls/blocks/poll-message.js';
import { optionEmojis } from '../src/polls/emoji.js';
import { pollExample } from '../src/polls/parse-command.js';
import { schedulePollClosing } from '../src/polls/schedule-closing.js';
import { pollViewOf } from '../src/polls/view.js';
import { creatorId } from '../src/polls/voter.js';
import type { JobData } from '../src/queues/queues.js';
import { classifySlackError } from '../src/slack/errors.js';
import { describeSlackFailure } from '../src/slack/failure-reasons.js';
import { userTimeZone } from '../src/slack/user-time-zone.js';
import { parseInstant } from '../src/time/instant-words.js';
import type { JobDeps } from './processor.js';

type CreateJob = JobData<'poll-create'>;

/** The closing instant: from the form's picker, or the command's words read in the creator's time zone. */
async function closingTime(job: CreateJob, deps: JobDeps): Promise<{ at?: number } | { problem: string }> {
  if (job.closesAt) return { at: job.closesAt };
  if (!job.closesWords) return {};
  const zone = await userTimeZone(deps.slack, job.creatorId);
  const parsed = parseInstant(job.closesWords, new Date(), zone);
  return parsed.ok ? { at: parsed.at.getTime() } : { problem: parsed.problem };
}

/**
 * Stores the poll, posts it, adds the option reactions (public polls) and schedules its closing. Every
 * step checks what an earlier attempt did, so a retried job posts once.
 */
export async function processPollCreate(job: CreateJob, deps: JobDeps): Promise<void> {
  const { polls, slack } = deps;
  let poll = await polls.get(job.pollId);
  if (!poll) {
    const closing = await closingTime(job, deps);
    if ('problem' in closing) {
      await notifyPrivately(
        { userId: job.creatorId, responseUrl: job.responseUrl },
        buildCommandErrorMessage(closing.problem, pollExample),
        deps,
      );
      return;
    }
    await polls.create({
      id: job.pollId,
      teamId: job.teamId,
      channel: job.channel,
      question: job.question,
      options: job.options,
      emojis: optionEmojis.slice(0, job.options.length),
      anonymous: job.anonymous,
      multiple: job.multiple,
      hidden: job.hidden,
      creator: creatorId(deps.anonymousIds, job.anonymous, job.pollId, job.teamId, job.creatorId),
      ...(closing.at ? { closesAt: closing.at } : {}),
    });
    poll = await polls.get(job.pollId);
    if (!poll) throw new Error('poll vanished after being stored');
  }

  if (!poll.ts) {
    const content = buildPollMessage(
      pollViewOf(poll, await polls.tally(poll.id, poll.options.length), deps.config),
    );
    const posted = await deliver(
      { id: `poll-${poll.id}`, channel: poll.channel, text: content.text, blocks: content.blocks },
      deps,
    );
    if (!posted.ok) {
      await notifyPrivately(
        { userId: job.creatorId, responseUrl: job.responseUrl },
        buildCommandErrorMessage(
          `I could not post the poll here: ${describeSlackFailure(posted.reason)}`,
          pollExample,
        ),
        deps,
      );
      return;
    }
    await polls.setMessage(poll.id, poll.channel, posted.ts);
    poll = { ...poll, ts: posted.ts };
  }

  if (!poll.anonymous && poll.ts) {
    for (const name of poll.emojis) {
      await slack.reactions.add({ channel: poll.channel, timestamp: poll.ts, name }).catch((err: unknown) => {
        const failure = classifySlackError(err);
        if (failure.kind !== 'permanent') throw err;
        // already_reacted is a retry finding its own work; anything else leaves voting by button.
        if (failure.reason !== 'already_reacted')
          deps.logger.warn({ reason: failure.reason }, 'option reaction not added');
      });
    }
  }
  if (poll.closesAt) await schedulePollClosing(deps.queues, poll.id, poll.closesAt);
}
