import { randomBytes } from 'node:crypto';
import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import { jobIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import { claimFreeSlug } from '../text/slug.js';
import { ArticleStore } from './article-store.js';
import type { ArticleText } from './model.js';

export type SaveArticleOutcome = { ok: true; articleId: string } | { ok: false; reason: 'gone' };

/**
 * Saves what an organizer wrote in the article form: a new article, named after its headline (the first
 * free short name), or new words for one being edited (its name stays). Then a job sends them the preview
 * with its buttons.
 */
export async function saveArticle(
  deps: { articles: ArticleStore; queues: Queues } & AuditDeps,
  input: { articleId?: string | undefined; text: ArticleText; requestedBy: string },
): Promise<SaveArticleOutcome> {
  const { articles } = deps;
  let articleId = input.articleId;
  if (articleId) {
    if (!(await articles.replaceText(articleId, input.text))) return { ok: false, reason: 'gone' };
  } else {
    const id = ArticleStore.newId();
    const slug = await claimFreeSlug(input.text.headline, 'article', (name) => articles.claimSlug(name, id));
    await articles.create({ slug, text: input.text, origin: 'slack' }, id);
    articleId = id;
  }
  await recordOrganizerAction(deps, {
    actor: input.requestedBy,
    action: 'saved-article',
    subject: input.text.headline,
  });
  await deps.queues.enqueue(
    'article-preview',
    { articleId, requestedBy: input.requestedBy },
    { jobId: jobIds.articlePreview(articleId, randomBytes(4).toString('hex')) },
  );
  return { ok: true, articleId };
}
