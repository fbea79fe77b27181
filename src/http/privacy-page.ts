import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where Rally serves its privacy document, for the links in its forms. */
export const privacyPath = '/privacy';

/**
 * The text of `docs/PRIVACY.md`: two folders up from this module in the sources, three from `dist/src/http/`
 * in a build (tsc does not copy Markdown).
 */
export function readPrivacyDocument(moduleUrl: string | URL = import.meta.url): string {
  for (const relative of ['../../docs/PRIVACY.md', '../../../docs/PRIVACY.md']) {
    const path = fileURLToPath(new URL(relative, moduleUrl));
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new Error('docs/PRIVACY.md is missing: Rally links to it from its forms');
}

/** The address of the privacy document when Rally has a public one (`RALLY_PUBLIC_URL`). */
export const privacyUrl = (publicUrl: string | undefined): string | undefined =>
  publicUrl ? `${publicUrl}${privacyPath}` : undefined;
