import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiFault } from './faults.js';

/** A request's body as bytes (file uploads are binary). */
export function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes a JSON answer unless the connection is already gone (closed stand-in, reset fault). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-slack-req-id': randomBytes(16).toString('hex'),
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Answers with an injected fault. Returns the HTTP status sent, or undefined when nothing was sent. */
export function applyFault(res: ServerResponse, fault: ApiFault): number | undefined {
  switch (fault.kind) {
    case 'rate_limited':
      sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) });
      return 429;
    case 'http':
      if (!res.destroyed) {
        res.writeHead(fault.status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(STATUS_TEXT[fault.status] ?? `HTTP ${fault.status}`);
      }
      return fault.status;
    case 'error':
      sendJson(res, 200, { ...fault.extra, ok: false, error: fault.error });
      return 200;
    case 'reset':
    case 'lost_response':
      res.socket?.destroy();
      return undefined;
    case 'hang':
      return undefined;
  }
}
