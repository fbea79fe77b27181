/**
 * What Rally's answer to a `view_submission` does to the modal stack: show errors, replace or push a view,
 * close the view or clear them all.
 */
import type { SlackStandIn } from '../support/slack/index.js';
import { isObj, type Obj, str } from './block-json.js';
import { HttpError } from './http-io.js';
import type { PlaygroundState } from './playground-state.js';

/**
 * `response_action: 'update'` and `'push'` change the modal on Slack's side without a Web API call from the
 * app; the playground does it through the stand-in's own views.update / views.push, so the stored view (and
 * what later `block_actions` and `view_submission` payloads carry) is the new one.
 */
async function viewsApi(
  standIn: SlackStandIn,
  method: 'views.update' | 'views.push',
  args: Obj,
): Promise<void> {
  const response = await fetch(`${standIn.apiUrl}${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${standIn.botToken}`,
      'content-type': 'application/json; charset=utf-8',
    },
    body: JSON.stringify(args),
  });
  const answer = (await response.json().catch(() => ({}))) as Obj;
  if (answer.ok !== true) {
    throw new HttpError(502, `Rally answered with a view Slack would refuse (${str(answer.error)})`);
  }
}

/** Applies the JSON of Rally's HTTP 200 answer to the submission of `viewId`; returns the page's reply. */
export async function applySubmissionAnswer(
  state: PlaygroundState,
  user: string,
  viewId: string,
  json: Obj | undefined,
): Promise<Obj> {
  const { standIn, closedViews, viewErrors } = state;
  if (json?.response_action === 'errors') {
    viewErrors.set(viewId, (json.errors ?? {}) as Record<string, string>);
    return { ok: false, errors: json.errors };
  }
  viewErrors.delete(viewId);
  const replacement = json?.view;
  if (json?.response_action === 'update' && isObj(replacement)) {
    await viewsApi(standIn, 'views.update', { view_id: viewId, view: replacement });
    return { ok: true };
  }
  if (json?.response_action === 'push' && isObj(replacement)) {
    await viewsApi(standIn, 'views.push', { trigger_id: standIn.newTriggerId(user), view: replacement });
    return { ok: true };
  }
  if (json?.response_action === 'clear') {
    for (const v of standIn.views()) if (v.user === user) closedViews.add(v.id);
  } else closedViews.add(viewId);
  return { ok: true };
}
