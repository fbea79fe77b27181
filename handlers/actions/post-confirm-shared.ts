import { randomBytes } from 'node:crypto';
import { buildOrganizersOnlyMessage } from '../../src/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { type ButtonArgs, teamIdOf } from '../types.js';

const confirmValue = /^(article|letter):([CG][A-Z0-9]+)$/;

/** "Post anyway" in a posting summary: the organizer confirmed a channel shared with another organization. */
export function createPostConfirmSharedAction(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'post-confirm-shared' });
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    if (!ctx.isOrganizer(body.user.id)) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...buildOrganizersOnlyMessage('post the campaign'),
      });
      return;
    }
    const match = confirmValue.exec(action.value ?? '');
    if (!match?.[1] || !match[2]) {
      logger.warn('post confirmation with an unreadable value ignored');
      return;
    }
    const postId = randomBytes(12).toString('base64url');
    await ctx.queues.enqueue(
      'campaign-post',
      {
        postId,
        kind: match[1] as 'article' | 'letter',
        teamId: teamIdOf(body),
        requestedBy: body.user.id,
        channels: [match[2]],
        confirmShared: true,
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
      },
      { jobId: postId },
    );
  };
}
