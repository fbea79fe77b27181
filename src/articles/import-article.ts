import { slugFrom } from '../text/slug.js';
import { ArticleStore } from './article-store.js';
import type { ArticleText } from './model.js';

export type ArticleImportOutcome = 'created' | 'kept';

/**
 * Makes the campaign file's article exist under the name its headline gives, once: when an article has
 * that name, or the file's article was imported before (and deleted since), nothing changes. So an article
 * organizers edited or deleted in Slack is never rewritten or brought back by the file.
 */
export async function importArticle(
  deps: { articles: ArticleStore },
  text: ArticleText,
): Promise<ArticleImportOutcome> {
  const { articles } = deps;
  const slug = slugFrom(text.headline, 'article');
  if (await articles.wasImported(slug)) return 'kept';
  const id = ArticleStore.newId();
  if (!(await articles.claimSlug(slug, id))) {
    await articles.markImported(slug);
    return 'kept';
  }
  await articles.create({ slug, text, origin: 'file' }, id);
  await articles.markImported(slug);
  return 'created';
}
