import type { ModalView } from '@slack/types';
import { buildArticleForm } from './blocks/article-form.js';
import { guessSource } from './guess-source.js';

/** The form for a new article: empty, or starting from its link, with the source guessed from the host. */
export function newArticleForm(url?: string): ModalView {
  if (!url) return buildArticleForm();
  const source = guessSource(url);
  return buildArticleForm({ url, ...(source ? { source } : {}) });
}
