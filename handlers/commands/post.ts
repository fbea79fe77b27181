import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { parsePostCommand } from '../../src/posting/post-command.js';
import { requestPost } from '../../src/posting/request-post.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally post article|letter [#channel ...]` (organizers): queues the posting and says where it is going. */
export function createPostSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    const parsed = parsePostCommand(args, command.channel_id);
    if (!parsed.ok) {
      await ack(privately(buildCommandErrorMessage(parsed.problem, subcommand('post'))));
      return;
    }
    await requestPost(ctx, {
      kind: parsed.kind,
      teamId: command.team_id,
      requestedBy: command.user_id,
      channels: parsed.channels,
      responseUrl: command.response_url,
    });
    const where = parsed.channels.map((c) => `<#${c}>`).join(', ');
    const text = `Posting the ${parsed.kind} to ${where}. I'll tell you here how it went in each channel.`;
    await ack(privately({ text }));
  };
}
