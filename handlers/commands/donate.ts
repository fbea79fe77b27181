import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { parseDonateCommand } from '../../src/donations/donate-command.js';
import { stopDonationSchedules } from '../../src/donations/schedule.js';
import { requestDonationSchedule } from '../../src/donations/schedule-prompts.js';
import { requestPost } from '../../src/posting/request-post.js';
import { buildCommandErrorMessage, buildNotice } from '../../src/slack/blocks/messages.js';
import { escapeMrkdwn } from '../../src/slack/blocks/mrkdwn.js';
import { privately, type SubcommandHandler } from '../types.js';

const channelList = (channels: readonly string[]) => channels.map((c) => `<#${c}>`).join(', ');

const noNonprofits = `No nonprofits are listed, so a donation prompt would have no links. Add one first with \`${escapeMrkdwn('/rally nonprofits add <https link> <name>')}\`, then try again.`;

/**
 * `/rally donate [#channel ...] [every <when>]` and `/rally donate off #channel` (organizers): a donation
 * prompt posted now, or on a schedule, or a schedule stopped.
 */
export function createDonateSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    const parsed = parseDonateCommand(args, command.channel_id);
    if (!parsed.ok) {
      await ack(privately(buildCommandErrorMessage(parsed.problem, subcommand('donate'))));
      return;
    }
    // Stopping a schedule needs no nonprofit; posting one does.
    if (parsed.action !== 'off' && (await ctx.nonprofits.count()) === 0) {
      await ack(privately(buildNotice(noNonprofits)));
      return;
    }
    const request = { teamId: command.team_id, requestedBy: command.user_id, channels: parsed.channels };
    const where = channelList(parsed.channels);
    switch (parsed.action) {
      case 'post':
        await requestPost(ctx, { kind: 'donation', ...request, responseUrl: command.response_url });
        await ack(
          privately({ text: `Posting the donation prompt to ${where}. I'll tell you here how it went.` }),
        );
        return;
      case 'schedule':
        await requestDonationSchedule(ctx, {
          ...request,
          when: parsed.when,
          responseUrl: command.response_url,
        });
        await ack(privately({ text: `Scheduling the donation prompt for ${where}…` }));
        return;
      case 'off': {
        const stopped = await stopDonationSchedules(ctx, parsed.channels, command.user_id);
        const text = stopped.length
          ? `Stopped the scheduled donation prompt in ${channelList(stopped)}.`
          : `There was no scheduled donation prompt in ${where}.`;
        await ack(privately({ text }));
        return;
      }
    }
  };
}
