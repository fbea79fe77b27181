import { z } from 'zod';
import type { RallyContext } from '../../src/context.js';
import { changeEvent } from '../../src/events/change-event.js';
import { readEventForm } from '../../src/events/event-form.js';
import type { ViewSubmitArgs } from '../types.js';

const metadataSchema = z.object({ eventId: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });

/**
 * The edit form was submitted (organizers; guarded in the registration list): mistakes go back into the
 * form; a change is saved, and a job tells everyone it concerns.
 */
export function createEventEditSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const read = readEventForm(view.state.values as never, ctx.config);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const metadata = metadataSchema.safeParse(JSON.parse(view.private_metadata || '{}'));
    if (!metadata.success) {
      await ack();
      return;
    }
    const event = await ctx.events.get(metadata.data.eventId);
    const input = {
      ...read.input,
      draft: { ...read.input.draft, mode: event?.mode ?? read.input.draft.mode },
    };
    const changed = await changeEvent(ctx, {
      eventId: metadata.data.eventId,
      requestedBy: body.user.id,
      input,
      now: new Date(),
    });
    await ack(changed.ok ? undefined : { response_action: 'errors', errors: changed.errors });
  };
}
