import type { ArticleStore } from '../articles/article-store.js';
import type { Article } from '../articles/model.js';
import type { AuditDeps } from '../audit/record-action.js';
import type { Queues } from '../queues/queues.js';
import { type PostRequest, requestPost } from './request-post.js';

export type PostArticleOutcome = { ok: true; article: Article } | { ok: false; problem: string };

/** Posts an article to channels for an organizer, each copy with its discussion thread. */
export async function postArticle(
  deps: { articles: ArticleStore; queues: Queues } & AuditDeps,
  request: Omit<PostRequest, 'kind' | 'articleId' | 'letterId'> & { articleId: string },
): Promise<PostArticleOutcome> {
  const article = await deps.articles.get(request.articleId);
  if (!article) return { ok: false, problem: 'That article no longer exists.' };
  await requestPost(deps, { ...request, kind: 'article', subject: `the article “${article.text.headline}”` });
  return { ok: true, article };
}
