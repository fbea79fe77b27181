import { buildLetterMessage } from '../src/blocks/letter.js';
import type { JobData } from '../src/queues.js';
import { classifySlackError } from '../src/slack/errors.js';
import type { JobDeps } from './processor.js';

/**
 * Redraws every copy of the letter with the signature counts as they are now. A copy Slack says is gone
 * (deleted, archived) is forgotten; a rate limit fails the run, which BullMQ parks for `Retry-After`.
 */
export async function processMessageRefresh(_data: JobData<'message-refresh'>, deps: JobDeps): Promise<void> {
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
