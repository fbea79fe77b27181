import { randomBytes } from 'node:crypto';
import { buildCommandErrorMessage, buildOrganizersOnlyMessage } from '../../src/commands/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { digestUsage, parseDigestCommand } from '../../src/digests/digest-command.js';
import { stopDigest } from '../../src/digests/stop-digest.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally digest daily 09:00 | weekly monday 09:00 [quiet] | off | now`, for this channel. */
export function createDigestSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    if (!ctx.isOrganizer(command.user_id)) {
      await ack(privately(buildOrganizersOnlyMessage('set the channel digest')));
      return;
    }
    const parsed = parseDigestCommand(args);
    if (!parsed.ok) {
      await ack(privately(buildCommandErrorMessage(parsed.problem, digestUsage)));
      return;
    }
    const channel = command.channel_id;
    switch (parsed.action) {
      case 'now':
        await ctx.queues.enqueue(
          'digest-post',
          { channel, teamId: command.team_id },
          { jobId: `digest-now-${randomBytes(6).toString('hex')}` },
        );
        await ack(privately({ text: 'Posting the digest of this channel now.' }));
        return;
      case 'off': {
        const stopped = await stopDigest(ctx, channel);
        await ack(
          privately({ text: stopped ? 'The digest of this channel is off.' : 'This channel had no digest.' }),
        );
        return;
      }
      case 'schedule':
        await ctx.queues.enqueue('digest-schedule', {
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
