import type { RallyContext } from '../../src/context.js';
import { parseConfirmSharedValue } from '../../src/posting/blocks/post-summary.js';
import { requestPost } from '../../src/posting/request-post.js';
import { type ButtonArgs, teamIdOf } from '../types.js';

/** "Post anyway" in a posting summary (organizers): the organizer confirmed a channel shared with another organization. */
export function createPostConfirmSharedAction(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'post-confirm-shared' });
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ack();
    const confirmed = parseConfirmSharedValue(action.value);
    if (!confirmed) {
      logger.warn('post confirmation with an unreadable value ignored');
      return;
    }
    const { itemId } = confirmed;
    await requestPost(ctx, {
      kind: confirmed.kind,
      ...(itemId && confirmed.kind === 'letter' ? { letterId: itemId } : {}),
      ...(itemId && confirmed.kind === 'article' ? { articleId: itemId } : {}),
      ...(itemId && confirmed.kind === 'event' ? { eventId: itemId } : {}),
      teamId: teamIdOf(body),
      requestedBy: body.user.id,
      channels: [confirmed.channel],
      confirmShared: true,
      responseUrl: body.response_url,
    });
  };
}
