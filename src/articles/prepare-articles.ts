import type { Logger } from '../logger.js';
import type { ArticleStore } from './article-store.js';
import { importArticle } from './import-article.js';
import type { ArticleText } from './model.js';

/** At start-up: the campaign file's article exists (created once if no article has its name; never rewritten). */
export async function prepareArticles(
  deps: { articles: ArticleStore; logger: Logger },
  campaignArticle: ArticleText,
): Promise<void> {
  const imported = await importArticle(deps, campaignArticle);
  if (imported === 'created') deps.logger.info('article of the campaign file imported');
}
