import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import type { JobData } from '../queues/contracts.js';
import type { ArticleStore } from './article-store.js';
import { buildArticlePreview } from './blocks/article-preview.js';

/** After an organizer saved an article: sends them its preview with its buttons, as a direct message from Rally. */
export async function previewArticle(
  deps: DeliveryDeps & { articles: ArticleStore },
  job: JobData<'article-preview'>,
  runId: string,
): Promise<void> {
  const article = await deps.articles.get(job.articleId);
  if (!article) return;
  await deliver(deps, {
    id: deliveryIds.articlePreview(runId),
    channel: job.requestedBy,
    ...buildArticlePreview(article),
    ifUnsure: 'retry',
  });
}
