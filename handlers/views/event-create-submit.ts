import { z } from 'zod';
import type { RallyContext } from '../../src/context.js';
import { readEventForm } from '../../src/events/event-form.js';
import { requestEvent } from '../../src/events/request-event.js';
import { readEventTimes } from '../../src/events/times.js';
import { eventFormBlocks } from '../../src/slack/ids.js';
import { knownTimeZone } from '../../src/time/zones.js';
import { teamIdOf, type ViewSubmitArgs } from '../types.js';

const metadataSchema = z.object({
  channel: z.string().regex(/^[CGD][A-Z0-9]+$/),
  zone: z.string().max(64).optional(),
});

/**
 * The event form was submitted (organizers; guarded in the registration list). Mistakes go back into the
 * form, the times too when the organizer's zone is known; a good event is created and posted by a job.
 */
export function createEventCreateSubmit(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'event-create-submit' });
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const read = readEventForm(view.state.values as never, ctx.config);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    let metadata: z.infer<typeof metadataSchema>;
    try {
      metadata = metadataSchema.parse(JSON.parse(view.private_metadata));
    } catch {
      logger.warn('event form with unreadable metadata');
      await ack();
      return;
    }
    const { input } = read;
    if (metadata.zone) {
      const times = readEventTimes(
        input.startWords,
        input.endWords,
        new Date(),
        knownTimeZone(metadata.zone),
      );
      if (!times.ok) {
        const block = times.field === 'starts' ? eventFormBlocks.starts : eventFormBlocks.ends;
        await ack({ response_action: 'errors', errors: { [block]: times.problem } });
        return;
      }
    }
    await requestEvent(ctx, {
      teamId: teamIdOf(body),
      requestedBy: body.user.id,
      channels: input.channels.length > 0 ? input.channels : [metadata.channel],
      draft: input.draft,
      startWords: input.startWords,
      endWords: input.endWords,
      zone: metadata.zone,
    });
    await ack();
  };
}
