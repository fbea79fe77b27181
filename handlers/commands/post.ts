import { buildCommandErrorMessage, buildOrganizersOnlyMessage } from '../../src/commands/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { parsePostCommand, postUsage } from '../../src/posting/post-command.js';
import { requestPost } from '../../src/posting/request-post.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally post article|letter [#channel ...]`: queues the posting and says where it is going. */
export function createPostSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    if (!ctx.isOrganizer(command.user_id)) {
      await ack(privately(buildOrganizersOnlyMessage('post the campaign')));
      return;
    }
    const parsed = parsePostCommand(args, command.channel_id);
    if (!parsed.ok) {
      await ack(privately(buildCommandErrorMessage(parsed.problem, postUsage)));
      return;
    }
    await requestPost(ctx.queues, {
      kind: parsed.kind,
      teamId: command.team_id,
      requestedBy: command.user_id,
      channels: parsed.channels,
      responseUrl: command.response_url,
    });
    const where = parsed.channels.map((c) => `<#${c}>`).join(', ');
    await ack(
      privately({
        text: `Posting the ${parsed.kind} to ${where}. I'll tell you here how it went in each channel.`,
      }),
    );
  };
}
