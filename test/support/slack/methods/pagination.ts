import { SlackApiError } from '../api-error.js';
import { type Args, optionalInt, optionalString } from '../args.js';

export interface Page<T> {
  items: T[];
  /** `response_metadata` as Slack sends it: `next_cursor` is `''` on the last page. */
  response_metadata: { next_cursor: string };
}

/**
 * Cursor pagination as Slack does it: `limit` (default 100, at most 1000) and an opaque `cursor`, which
 * here is base64 of `<kind>:<id of the first item of the next page>` (Slack's look like `dXNlcjpVMDYxTkZUVDI=`).
 */
export function paginate<T>(args: Args, items: T[], idOf: (item: T) => string, kind: string): Page<T> {
  const requested = optionalInt(args, 'limit') ?? 0;
  const limit = requested <= 0 ? 100 : Math.min(requested, 1000);
  const cursor = optionalString(args, 'cursor');
  let start = 0;
  if (cursor) {
    const decoded = Buffer.from(cursor, 'base64').toString('utf8');
    const prefix = `${kind}:`;
    start = decoded.startsWith(prefix)
      ? items.findIndex((item) => idOf(item) === decoded.slice(prefix.length))
      : -1;
    if (start < 0) throw new SlackApiError('invalid_cursor');
  }
  const pageItems = items.slice(start, start + limit);
  const next = items[start + limit];
  const nextCursor = next === undefined ? '' : Buffer.from(`${kind}:${idOf(next)}`).toString('base64');
  return { items: pageItems, response_metadata: { next_cursor: nextCursor } };
}
