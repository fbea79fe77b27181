import { buildCommandErrorMessage, buildOrganizersOnlyMessage } from '../../src/commands/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { donateUsage, parseDonateCommand } from '../../src/donations/donate-command.js';
import { stopDonationPrompts } from '../../src/donations/schedule.js';
import { requestPost } from '../../src/posting/request-post.js';
import { privately, type SubcommandHandler } from '../types.js';

/**
 * `/rally donate [#channel ...] [every <when>]` and `/rally donate off #channel`: a donation prompt posted
 * now through the posting job, or on a schedule, or a schedule stopped.
 */
export function createDonateSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    if (!ctx.isOrganizer(command.user_id)) {
      await ack(privately(buildOrganizersOnlyMessage('post donation prompts')));
      return;
    }
    if (ctx.campaign.donations.length === 0) {
      await ack(
        privately({
          text: 'The campaign lists no nonprofits: add some under `donations` in the campaign file.',
        }),
      );
      return;
    }
    const parsed = parseDonateCommand(args, command.channel_id);
    if (!parsed.ok) {
      await ack(privately(buildCommandErrorMessage(parsed.problem, donateUsage)));
      return;
    }
    const where = parsed.channels.map((c) => `<#${c}>`).join(', ');
    switch (parsed.action) {
      case 'post': {
        await requestPost(ctx.queues, {
          kind: 'donation',
          teamId: command.team_id,
          requestedBy: command.user_id,
          channels: parsed.channels,
          responseUrl: command.response_url,
        });
        await ack(
          privately({ text: `Posting the donation prompt to ${where}. I'll tell you here how it went.` }),
        );
        return;
      }
      case 'schedule':
        await ctx.queues.enqueue('donation-schedule', {
          teamId: command.team_id,
          requestedBy: command.user_id,
          channels: parsed.channels,
          when: parsed.when,
          responseUrl: command.response_url,
        });
        await ack(privately({ text: `Scheduling the donation prompt for ${where}…` }));
        return;
      case 'off': {
        const stopped = await stopDonationPrompts(ctx, parsed.channels);
        await ack(
          privately({
            text: stopped.length
              ? `Stopped the scheduled donation prompt in ${stopped.map((c) => `<#${c}>`).join(', ')}.`
              : `There was no scheduled donation prompt in ${where}.`,
          }),
        );
        return;
      }
    }
  };
}
