/** Serves the page's own files (`page/`) with no caching. */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

const pageDir = fileURLToPath(new URL('./page/', import.meta.url));
const pageFiles: Record<string, string> = {
  '/': 'index.html',
  '/app.js': 'app.js',
  '/style.css': 'style.css',
};
const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** The page file for a URL path, if there is one. */
export function pageFileFor(pathname: string): string | undefined {
  return pageFiles[pathname];
}

export async function sendPageFile(res: ServerResponse, file: string): Promise<void> {
  const body = await readFile(`${pageDir}${file}`);
  res.writeHead(200, {
    'content-type': contentTypes[file.split('.').pop() ?? ''] ?? 'text/plain',
    'cache-control': 'no-store',
  });
  res.end(body);
}
