import { buildOrganizersOnlyMessage } from '../../src/commands/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import type { PostedKind } from '../../src/posting/post-command.js';
import { requestPost } from '../../src/posting/request-post.js';
import { type ButtonArgs, ephemeralReply, teamIdOf } from '../types.js';

const confirmValue = /^(article|letter|donation):([CG][A-Z0-9]+)$/;

/** "Post anyway" in a posting summary: the organizer confirmed a channel shared with another organization. */
export function createPostConfirmSharedAction(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'post-confirm-shared' });
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    if (!ctx.isOrganizer(body.user.id)) {
      await respond(ephemeralReply(buildOrganizersOnlyMessage('post the campaign')));
      return;
    }
    const match = confirmValue.exec(action.value ?? '');
    if (!match?.[1] || !match[2]) {
      logger.warn('post confirmation with an unreadable value ignored');
      return;
    }
    await requestPost(ctx.queues, {
      kind: match[1] as PostedKind,
      teamId: teamIdOf(body),
      requestedBy: body.user.id,
      channels: [match[2]],
      confirmShared: true,
      responseUrl: body.response_url,
    });
  };
}
