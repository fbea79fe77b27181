import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { parseDigestCommand } from '../../src/digests/digest-command.js';
import { requestDigestNow, requestDigestSchedule } from '../../src/digests/request-digest.js';
import { turnOffDigest } from '../../src/digests/stop-digest.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally digest daily 09:00 | weekly monday 09:00 [quiet] | off | now`, for this channel (organizers). */
export function createDigestSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    const parsed = parseDigestCommand(args);
    if (!parsed.ok) {
      await ack(privately(buildCommandErrorMessage(parsed.problem, subcommand('digest'))));
      return;
    }
    const channel = command.channel_id;
    switch (parsed.action) {
      case 'now':
        await requestDigestNow(ctx, channel, command.team_id, command.user_id);
        await ack(privately({ text: 'Posting the digest of this channel now.' }));
        return;
      case 'off': {
        const stopped = await turnOffDigest(ctx, channel, command.user_id);
        await ack(
          privately({ text: stopped ? 'The digest of this channel is off.' : 'This channel had no digest.' }),
        );
        return;
      }
      case 'schedule':
        await requestDigestSchedule(ctx, {
          channel,
          teamId: command.team_id,
          requestedBy: command.user_id,
          when: parsed.when,
          quiet: parsed.quiet,
          responseUrl: command.response_url,
        });
        await ack();
        return;
    }
  };
}
