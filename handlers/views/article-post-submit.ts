import type { RallyContext } from '../../src/context.js';
import { postArticle } from '../../src/posting/post-article.js';
import { readPickedChannels } from '../../src/slack/blocks/inputs.js';
import { articleFormBlocks } from '../../src/slack/ids.js';
import { articleIdFrom, teamIdOf, type ViewSubmitArgs } from '../types.js';

/** **Post** in the article's post form (organizers): it goes to the channels picked; a summary follows privately. */
export function createArticlePostSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const block = articleFormBlocks.channels;
    const channels = readPickedChannels(view.state.values as Record<string, Record<string, unknown>>, block);
    const articleId = articleIdFrom(view.private_metadata);
    if (!channels || !articleId) {
      await ack({ response_action: 'errors', errors: { [block]: 'Pick at least one channel.' } });
      return;
    }
    const posted = await postArticle(ctx, {
      articleId,
      teamId: teamIdOf(body),
      requestedBy: body.user.id,
      channels,
    });
    if (!posted.ok) {
      await ack({ response_action: 'errors', errors: { [block]: posted.problem } });
      return;
    }
    await ack();
  };
}
