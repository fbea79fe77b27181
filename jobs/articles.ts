import { previewArticle } from '../src/articles/preview-article.js';
import type { Processor } from './processor.js';

/** `article-preview`: send a saved article's preview to the organizer who saved it. */
export const processArticlePreview: Processor<'article-preview'> = (data, deps) =>
  previewArticle(deps, data, deps.runId);
