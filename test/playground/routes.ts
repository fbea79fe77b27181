/** The playground's HTTP routes: the page's files, the workspace summary, the event stream and the actions. */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../../src/logger.js';
import { type SlackStandIn, USERS } from '../support/slack/index.js';
import type { EventStream } from './event-stream.js';
import { HttpError, readJson, sendJson } from './http-io.js';
import type { PageActions } from './page-actions.js';
import { requireUser, workspaceInfo } from './roster.js';
import { pageFileFor, sendPageFile } from './static-page.js';

export interface RouteDeps {
  standIn: SlackStandIn;
  events: EventStream;
  actions: PageActions;
  logger: Logger;
}

async function handle(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { events, actions } = deps;
  const url = new URL(req.url ?? '/', 'http://playground');
  const file = pageFileFor(url.pathname);
  if (req.method === 'GET' && file) {
    await sendPageFile(res, file);
    return;
  }
  if (req.method === 'GET' && url.pathname === '/api/workspace') {
    sendJson(res, 200, workspaceInfo(deps.standIn));
    return;
  }
  if (req.method === 'GET' && url.pathname === '/api/events') {
    const user = url.searchParams.get('user') ?? USERS.alice;
    requireUser({ user });
    events.open(req, res, user);
    return;
  }
  const action = /^\/api\/(\w+)$/.exec(url.pathname)?.[1];
  const run = action && Object.hasOwn(actions, action) ? actions[action] : undefined;
  if (req.method === 'POST' && run) {
    const result = await run(await readJson(req));
    events.push();
    sendJson(res, 200, result);
    return;
  }
  sendJson(res, 404, { ok: false, error: 'not_found' });
}

/** The request listener; a failed request answers with its `HttpError` status, or 500 (logged). */
export function createRequestListener(deps: RouteDeps): RequestListener {
  return (req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) deps.logger.error({ err }, 'playground request failed');
      if (!res.headersSent)
        sendJson(res, status, { ok: false, error: String((err as Error).message ?? err) });
      else res.end();
    });
  };
}
