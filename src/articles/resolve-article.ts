import type { ArticleStore } from './article-store.js';
import type { Article } from './model.js';

export type ResolvedArticle = { ok: true; article: Article } | { ok: false; problem: string };

/** Which article a command means: the one with the short name given, else the newest. */
export async function resolveArticle(
  deps: { articles: ArticleStore },
  name: string | undefined,
): Promise<ResolvedArticle> {
  if (name) {
    const id = await deps.articles.idBySlug(name);
    const article = id ? await deps.articles.get(id) : undefined;
    if (article) return { ok: true, article };
    return { ok: false, problem: `There is no article called "${name}". \`/rally articles\` lists them.` };
  }
  const article = await deps.articles.newest();
  if (article) return { ok: true, article };
  return { ok: false, problem: 'There is no article yet. Write one with `/rally article new`.' };
}
