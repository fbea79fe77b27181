import { subcommand } from '../../src/commands/catalog.js';
import type { RallyContext } from '../../src/context.js';
import { buildEventForm } from '../../src/events/blocks/event-form.js';
import { readEventCommand } from '../../src/events/event-command.js';
import { requestEvent } from '../../src/events/request-event.js';
import { buildCommandErrorMessage, buildNotice } from '../../src/slack/blocks/messages.js';
import { escapeMrkdwn } from '../../src/slack/blocks/mrkdwn.js';
import { userTimeZone } from '../../src/slack/user-time-zone.js';
import { privately, type SubcommandHandler } from '../types.js';

/** How long opening the form waits for the organizer's time zone before opening it without (trigger IDs last 3 s). */
const zoneWaitMs = 1_000;

/**
 * `/rally event` (organizers; the router refuses others) opens the form, named with the organizer's time
 * zone when Slack gives it in time; `/rally event "Title" <when> ...` is checked at once and queued: the job
 * reads the times in the organizer's zone, stores the event and posts it.
 */
export function createEventSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack, client }) => {
    if (args.length === 0) {
      await ack();
      const zone = await Promise.race([
        userTimeZone(client, command.user_id).catch(() => undefined),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), zoneWaitMs).unref()),
      ]);
      const metadata = JSON.stringify({ channel: command.channel_id, ...(zone ? { zone } : {}) });
      await client.views.open({
        trigger_id: command.trigger_id,
        view: buildEventForm(metadata, zone ? { zone } : {}),
      });
      return;
    }
    const read = readEventCommand(
      args,
      {
        teamId: command.team_id,
        userId: command.user_id,
        channel: command.channel_id,
        responseUrl: command.response_url,
        now: new Date(),
      },
      ctx.config,
    );
    if (!read.ok) {
      await ack(privately(buildCommandErrorMessage(read.problem, subcommand('event'))));
      return;
    }
    await requestEvent(ctx, read.request);
    const where = read.request.channels.map((c) => `<#${c}>`).join(', ');
    await ack(
      privately(
        buildNotice(
          `Posting the event "${escapeMrkdwn(read.request.draft.title)}" to ${where}. I'll tell you here how it went.`,
        ),
      ),
    );
  };
}
