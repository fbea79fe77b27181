import { buildArticleForm, fitsForm } from '../../src/articles/blocks/article-form.js';
import { buildPostArticleForm } from '../../src/articles/blocks/post-article-form.js';
import { deleteArticle } from '../../src/articles/delete-article.js';
import type { RallyContext } from '../../src/context.js';
import { buildNotice } from '../../src/slack/blocks/messages.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { articleIdFrom, type ButtonArgs, ephemeralReply } from '../types.js';

/**
 * The buttons organizers press on an article (its preview, `/rally articles`): each carries the article's
 * ID; the registration list lets only organizers through.
 */

const gone = 'That article no longer exists.';

/** **Post to channels…**: the form to pick channels. */
export function createArticlePostAction(ctx: RallyContext) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const id = articleIdFrom(action.value);
    const article = id ? await ctx.articles.get(id) : undefined;
    const view = article ? buildPostArticleForm(article) : buildNoticeModal('Post the article', gone);
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}

/** **Edit**: the article form, filled in, unless the article is longer than the form holds. */
export function createArticleEditAction(ctx: RallyContext) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const id = articleIdFrom(action.value);
    const article = id ? await ctx.articles.get(id) : undefined;
    const view = !article
      ? buildNoticeModal('Edit the article', gone)
      : fitsForm(article.text)
        ? buildArticleForm({ article })
        : buildNoticeModal(
            'Edit the article',
            'Its summary or its quotes are longer than a box of the form holds (3,000 characters), so editing it here would cut them. Write a new article with `/rally article new`, or delete this one.',
          );
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}

/** **Delete**: the article goes from Rally (its copies stay in their channels). */
export function createArticleDeleteAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const article = await deleteArticle(ctx, articleIdFrom(action.value), body.user.id);
    const text = article
      ? `The article \`${article.slug}\` was deleted. Copies already posted stay in their channels.`
      : gone;
    await respond(ephemeralReply(buildNotice(text)));
  };
}
