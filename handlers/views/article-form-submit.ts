import { readArticleForm } from '../../src/articles/article-form.js';
import { saveArticle } from '../../src/articles/save-article.js';
import type { RallyContext } from '../../src/context.js';
import { articleFormBlocks } from '../../src/slack/ids.js';
import { articleIdFrom, type ViewSubmitArgs } from '../types.js';

/** The article form was submitted (organizers): errors go back into the form; the preview follows privately. */
export function createArticleFormSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const read = readArticleForm(view.state.values as Record<string, Record<string, unknown>>);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const saved = await saveArticle(ctx, {
      articleId: articleIdFrom(view.private_metadata),
      text: read.text,
      requestedBy: body.user.id,
    });
    if (!saved.ok) {
      await ack({
        response_action: 'errors',
        errors: {
          [articleFormBlocks.headline]: 'This article was deleted meanwhile. Cancel, and write it anew.',
        },
      });
      return;
    }
    await ack();
  };
}
