import { classifySlackError } from '../slack/errors.js';
import type { DeliveryDeps } from './deps.js';

/**
 * Adds Rally's own reactions to a message, in order. A retried job finds its own earlier reactions
 * (`already_reacted`) and goes on; any other permanent refusal is logged and the rest are skipped.
 */
export async function addReactions(
  deps: Pick<DeliveryDeps, 'slack' | 'logger'>,
  message: { channel: string; ts: string },
  names: readonly string[],
): Promise<void> {
  for (const name of names) {
    try {
      await deps.slack.reactions.add({ channel: message.channel, timestamp: message.ts, name });
    } catch (err) {
      const failure = classifySlackError(err);
      if (failure.kind !== 'permanent') throw err;
      if (failure.reason === 'already_reacted') continue;
      deps.logger.warn({ reason: failure.reason }, 'reaction not added');
      return;
    }
  }
}
