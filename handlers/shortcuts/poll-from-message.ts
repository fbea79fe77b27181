import { plainCommandText } from '../../src/commands/slack-text.js';
import type { RallyContext } from '../../src/context.js';
import { buildPollModal } from '../../src/polls/blocks/poll-modal.js';
import { questionMaxLength } from '../../src/polls/validate.js';
import { truncate } from '../../src/text/cut.js';
import type { MessageShortcutArgs } from '../types.js';

/**
 * **Make a poll from this message** (message shortcut): the poll form for the message's channel, its
 * question filled in with the message's text as people read it (Slack's escapes and mentions turned
 * into plain text, cut to the question's length).
 */
export function createPollFromMessageShortcut(ctx: RallyContext) {
  return async ({ ack, body, client }: MessageShortcutArgs): Promise<void> => {
    await ack();
    const question = truncate(
      plainCommandText(body.message.text ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
      questionMaxLength,
    );
    const metadata = JSON.stringify({ channel: body.channel.id });
    const view = buildPollModal(metadata, ctx.config.maxPollDays, question ? { question } : {});
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
