import { SlackApiError } from './api-error.js';

/** Arguments of a Web API call, after form or JSON decoding. */
export type Args = Record<string, unknown>;

/**
 * Fields WebClient sends JSON-encoded inside a form body (it `JSON.stringify`s every non-scalar value);
 * they are decoded back so recorded calls and stored state hold the objects the app passed.
 */
export const JSON_FIELDS = new Set([
  'attachments',
  'blocks',
  'metadata',
  'unfurls',
  'user_auth_blocks',
  'view',
]);

/** Decodes an `application/x-www-form-urlencoded` or `application/json` body (plus any query string). */
export function decodeArgs(contentType: string | undefined, rawBody: string, query: URLSearchParams): Args {
  const args: Args = Object.fromEntries(query);
  if (rawBody.trim() === '') return args;
  if (contentType?.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(rawBody);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new SlackApiError('invalid_json');
    return { ...args, ...(parsed as Args) };
  }
  for (const [key, value] of new URLSearchParams(rawBody)) {
    args[key] = JSON_FIELDS.has(key) ? tryJson(value) : value;
  }
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A string argument; numbers and booleans (as a JSON body may hold them) are turned into strings. */
export function optionalString(args: Args, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function requireString(args: Args, name: string, errorCode = 'invalid_arguments'): string {
  const value = optionalString(args, name);
  if (value === undefined || value === '') throw new SlackApiError(errorCode, { needed: name });
  return value;
}

export function optionalInt(args: Args, name: string): number | undefined {
  const value = optionalString(args, name);
  if (value === undefined || value === '') return undefined;
  const parsed = Number.parseInt(value, 10);
  if (Number.isNaN(parsed)) throw new SlackApiError('invalid_arguments', { invalid: name });
  return parsed;
}

export function optionalBool(args: Args, name: string): boolean {
  const value = optionalString(args, name);
  return value === 'true' || value === '1';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
