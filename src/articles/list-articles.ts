import type { MessageContent } from '../slack/blocks/messages.js';
import type { ArticleStore } from './article-store.js';
import { buildArticleList } from './blocks/article-list.js';

/** `/rally articles` (organizers): every article, newest first, with its actions. */
export async function listArticles(deps: { articles: ArticleStore }): Promise<MessageContent> {
  return buildArticleList(await deps.articles.list());
}
