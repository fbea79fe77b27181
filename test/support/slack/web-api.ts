import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { SlackApiError } from './api-error.js';
import { type Args, decodeArgs, optionalString } from './args.js';
import type { FaultPlan } from './faults.js';
import { applyFault, sendJson } from './http-util.js';
import { APP_TOKEN_METHODS, METHODS } from './methods/index.js';
import type { RecordLog } from './record-log.js';
import type { SlackState } from './state.js';
import type { Workspace } from './workspace.js';

/** One Web API request as the stand-in received it. */
export interface ApiCall {
  method: string;
  /** Decoded arguments (JSON fields such as `blocks` and `view` as objects), without `token`. */
  args: Args;
  /** From `Authorization: Bearer`, or a `token` argument. */
  token: string | undefined;
  /** `Date.now()` on arrival. */
  at: number;
  /** HTTP status of the answer; undefined while the call is delayed or hanging (or its connection was reset). */
  status?: number;
  /** `error` of an `ok: false` answer. */
  error?: string;
}

export interface ApiDeps {
  workspace: Workspace;
  state: SlackState;
  faults: FaultPlan;
  calls: RecordLog<ApiCall>;
  triggerTtlMs: number;
  socketModeUrl: () => string;
  uploadUrl: (ticket: string) => string;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** Handles `POST /api/<method>` (GET with a query string works too, as on slack.com). */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  rawBody: string,
  query: URLSearchParams,
  deps: ApiDeps,
): Promise<void> {
  let args: Args = {};
  let decodeError: string | undefined;
  try {
    args = decodeArgs(req.headers['content-type'], rawBody, query);
  } catch (error) {
    decodeError = error instanceof SlackApiError ? error.code : 'invalid_form_data';
  }
  const token = bearer(req) ?? optionalString(args, 'token');
  delete args.token;
  const call: ApiCall = { method, args, token, at: Date.now() };
  deps.calls.add(call);

  const delayMs = deps.faults.delayFor(method);
  if (delayMs > 0) await sleep(delayMs);
  const fault = deps.faults.takeFault(method, args);
  if (fault?.kind === 'lost_response') {
    // The call takes effect; only its answer is lost.
    const done = decodeError ? failure(decodeError) : answerCall(method, args, token, deps);
    if (done.body.ok === false) call.error = String(done.body.error);
  }
  if (fault) {
    const status = applyFault(res, fault);
    if (status !== undefined) call.status = status;
    if (fault.kind === 'error') call.error = fault.error;
    else if (fault.kind === 'rate_limited') call.error = 'ratelimited';
    deps.calls.touch(call);
    return;
  }
  const answer = decodeError ? failure(decodeError) : answerCall(method, args, token, deps);
  call.status = answer.status;
  if (answer.body.ok === false) call.error = String(answer.body.error);
  sendJson(res, answer.status, answer.body, answer.headers);
  deps.calls.touch(call);
}

function failure(error: string, extra: Record<string, unknown> = {}): Answer {
  return { status: 200, body: { ok: false, error, ...extra }, headers: {} };
}

function answerCall(method: string, args: Args, token: string | undefined, deps: ApiDeps): Answer {
  const handler = METHODS.get(method);
  if (!handler) return failure('unknown_method');
  const { workspace } = deps;
  const expected = APP_TOKEN_METHODS.has(method) ? workspace.appToken : workspace.botToken;
  // Slack's codes: no token → not_authed; unknown token → invalid_auth; bot token where an app-level one is needed (or the reverse) → not_allowed_token_type.
  if (!token) return failure('not_authed');
  if (token !== workspace.botToken && token !== workspace.appToken) return failure('invalid_auth');
  if (token !== expected) return failure('not_allowed_token_type');
  const headers: Record<string, string> =
    token === workspace.botToken ? { 'x-oauth-scopes': workspace.botScopes.join(',') } : {};

  const retryAfter = deps.faults.checkRateLimit(method, optionalString(args, 'channel'), Date.now());
  if (retryAfter !== undefined) {
    return {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': String(retryAfter) },
    };
  }
  try {
    const body = handler({
      args,
      state: deps.state,
      workspace,
      triggerTtlMs: deps.triggerTtlMs,
      socketModeUrl: deps.socketModeUrl,
      uploadUrl: deps.uploadUrl,
    });
    return { status: 200, body: { ok: true, ...body }, headers };
  } catch (error) {
    if (error instanceof SlackApiError) return { ...failure(error.code, error.extra), headers };
    throw error;
  }
}
