import { buildDonationPrompt } from '../src/donations/blocks/donation-prompt.js';
import { buildLetterMessage } from '../src/letters/blocks/letter-message.js';
import { buildPollMessage } from '../src/polls/blocks/poll-message.js';
import { pollViewOf } from '../src/polls/view.js';
import type { JobData } from '../src/queues/queues.js';
import { classifySlackError } from '../src/slack/errors.js';
import type { JobDeps } from './processor.js';

/**
 * Redraws every copy of the letter with the signature counts as they are now. A copy Slack says is gone
 * (deleted, archived) is forgotten; a rate limit fails the run, which BullMQ parks for `Retry-After`.
 */
async function refreshLetter(deps: JobDeps): Promise<void> {
  const { slack, signatures, campaign, letterCopies: copies, logger, config } = deps;
  const content = buildLetterMessage(campaign, await signatures.tally(), config.minAnonymous);
  for (const copy of await copies.list()) {
    try {
      await slack.chat.update({
        channel: copy.channel,
        ts: copy.ts,
        text: content.text,
        blocks: content.blocks,
      });
    } catch (err) {
      const failure = classifySlackError(err);
      if (failure.kind !== 'permanent') throw err;
      logger.warn(
        { channel: copy.channel, reason: failure.reason },
        'letter copy cannot be updated: forgotten',
      );
      await copies.remove(copy);
    }
  }
}

/** Redraws a poll's message with its counts as they are now (a closed poll is left to the close job). */
async function refreshPoll(pollId: string, deps: JobDeps): Promise<void> {
  const { slack, polls, config } = deps;
  const poll = await polls.get(pollId);
  if (!poll?.ts || poll.closed) return;
  const content = buildPollMessage(pollViewOf(poll, await polls.tally(pollId, poll.options.length), config));
  await slack.chat.update({ channel: poll.channel, ts: poll.ts, text: content.text, blocks: content.blocks });
}

/** Redraws a donation prompt with its click and pledge counts as they are now. */
async function refreshDonation(promptId: string, deps: JobDeps): Promise<void> {
  const { slack, donations, campaign, config } = deps;
  const message = await donations.message(promptId);
  if (!message) return;
  const tally = await donations.tally(promptId, campaign.donations.length);
  const content = buildDonationPrompt(campaign.donations, promptId, tally, config.minAnonymous);
  await slack.chat.update({ ...message, text: content.text, blocks: content.blocks });
}

/** Redraws a message that shows a tally; coalesced upstream (see `src/refresh.ts`). */
export async function processMessageRefresh(data: JobData<'message-refresh'>, deps: JobDeps): Promise<void> {
  switch (data.target) {
    case 'letter':
      return refreshLetter(deps);
    case 'poll':
      return refreshPoll(data.pollId, deps);
    case 'donation':
      return refreshDonation(data.promptId, deps);
  }
}
