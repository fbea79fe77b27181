import type { ServerResponse } from 'node:http';
import { isRecord } from './args.js';
import type { FaultPlan } from './faults.js';
import { applyFault, sendJson } from './http-util.js';
import { readBlocks } from './methods/context.js';
import type { RecordLog } from './record-log.js';
import type { SlackState } from './state.js';

/** One POST to a `response_url` the stand-in issued. */
export interface ResponseUrlPost {
  id: string;
  url: string;
  /** Channel, user and message the URL was issued for (see `newResponseUrl`). */
  channel?: string;
  user?: string;
  messageTs?: string;
  /** The parsed JSON body (`{ text, blocks, response_type, replace_original, delete_original, ... }`). */
  body: unknown;
  at: number;
  status: number;
}

export interface ResponseUrlDeps {
  state: SlackState;
  faults: FaultPlan;
  responses: RecordLog<ResponseUrlPost>;
}

/** Slack lets an app use a response_url up to 5 times (within 30 minutes). */
const MAX_USES = 5;

/** `failNext('response_url', fault)` makes the next POST to any response_url fail. */
export const RESPONSE_URL_FAULT_KEY = 'response_url';

/**
 * Handles `POST /respond/<id>` like Slack: `delete_original` / `replace_original` act on the message the URL
 * belongs to, `response_type: 'in_channel'` posts a visible message, anything else is an ephemeral to the user.
 */
export function handleResponseUrl(
  res: ServerResponse,
  id: string,
  rawBody: string,
  deps: ResponseUrlDeps,
): void {
  const issued = deps.state.responseUrls.get(id);
  if (!issued) {
    sendJson(res, 404, { ok: false, error: 'invalid_url' });
    return;
  }
  const base = {
    id,
    url: issued.url,
    ...(issued.channel ? { channel: issued.channel } : {}),
    ...(issued.user ? { user: issued.user } : {}),
    ...(issued.messageTs ? { messageTs: issued.messageTs } : {}),
    at: Date.now(),
  };
  const fault = deps.faults.takeFault(RESPONSE_URL_FAULT_KEY);
  if (fault) {
    deps.responses.add({ ...base, body: rawBody, status: applyFault(res, fault) ?? 0 });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    deps.responses.add({ ...base, body: rawBody, status: 400 });
    sendJson(res, 400, { ok: false, error: 'invalid_payload' });
    return;
  }
  if (issued.uses >= MAX_USES) {
    deps.responses.add({ ...base, body, status: 404 });
    sendJson(res, 404, { ok: false, error: 'used_url' });
    return;
  }
  issued.uses += 1;
  const error = isRecord(body) ? apply(body, base, deps.state) : 'invalid_payload';
  const status = error ? 400 : 200;
  deps.responses.add({ ...base, body, status });
  sendJson(res, status, error ? { ok: false, error } : { ok: true });
}

function apply(
  body: Record<string, unknown>,
  target: { channel?: string; user?: string; messageTs?: string },
  state: SlackState,
): string | undefined {
  let blocks: ReturnType<typeof readBlocks>;
  try {
    blocks = readBlocks(state, body.blocks, 50);
  } catch {
    return 'invalid_blocks';
  }
  const text = typeof body.text === 'string' ? body.text : undefined;
  const original =
    target.channel && target.messageTs ? state.findMessage(target.channel, target.messageTs) : undefined;
  if (body.delete_original === true) {
    if (original) state.deleteMessage(original.channel, original.ts);
    return undefined;
  }
  if (body.replace_original === true && original) {
    state.replaceContent(original, { text: text ?? '', blocks: blocks ?? [] });
    return undefined;
  }
  // An interaction on an ephemeral message gets a response_url that replaces that ephemeral message, as
  // Slack does ("you can use replace_original ... with ephemeral messages"):
  // https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
  const ephemeral =
    body.replace_original === true && target.messageTs
      ? state.ephemerals.find((e) => e.ts === target.messageTs && e.user === target.user)
      : undefined;
  if (ephemeral) {
    ephemeral.text = text ?? '';
    ephemeral.blocks = blocks ?? [];
    return undefined;
  }
  if (!text && !blocks?.length) return 'no_text';
  if (!target.channel) return 'channel_not_found';
  const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
  if (body.response_type === 'in_channel') {
    state.insertMessage({
      channel: target.channel,
      ts: state.nextTs(),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text: text ?? '',
      blocks: blocks ?? [],
      user: state.workspace.botUserId,
      bot_id: state.workspace.botId,
    });
    return undefined;
  }
  state.ephemerals.push({
    channel: target.channel,
    user: target.user ?? '',
    ts: state.nextTs(),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    text: text ?? '',
    blocks: blocks ?? [],
    via: 'response_url',
    at: Date.now(),
  });
  return undefined;
}
