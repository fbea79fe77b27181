import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import type { ArticleStore } from './article-store.js';
import type { Article } from './model.js';

/** **Delete** (organizers): the article goes from Rally; its copies stay in their channels. */
export async function deleteArticle(
  deps: { articles: ArticleStore } & AuditDeps,
  articleId: string | undefined,
  actor: string,
): Promise<Article | undefined> {
  const article = articleId ? await deps.articles.get(articleId) : undefined;
  if (!article || !(await deps.articles.delete(article.id))) return undefined;
  await recordOrganizerAction(deps, { actor, action: 'deleted-article', subject: article.text.headline });
  return article;
}
