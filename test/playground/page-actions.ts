/** The page's actions (`POST /api/<name>`) turned into the requests Slack would send Rally. */
import type { SlackRequests } from '../support/slack/index.js';
import { type Obj, str } from './block-json.js';
import { recordAnswer } from './command-answers.js';
import { HttpError } from './http-io.js';
import { type PlaygroundState, zoneOf } from './playground-state.js';
import { requireUser } from './roster.js';
import { buildStateValues, type RawInput } from './state-values.js';
import { applySubmissionAnswer } from './view-stack.js';

export type PageActions = Record<string, (body: Obj) => Promise<Obj>>;

export function createPageActions(state: PlaygroundState, slack: SlackRequests): PageActions {
  const { standIn, closedViews } = state;
  return {
    async command(body) {
      const user = requireUser(body);
      const channel = str(body.channel);
      const line = str(body.text).trim();
      if (!line) throw new HttpError(400, 'empty message');
      if (!line.startsWith('/')) {
        standIn.seedMessage({ channel, user, text: line });
        return { ok: true };
      }
      const [command = '', ...rest] = line.split(' ');
      const answer = await slack.command(rest.join(' '), { user, channel, command });
      recordAnswer(state, answer, channel, user, command);
      return { ok: answer.status === 200 };
    },
    async action(body) {
      const user = requireUser(body);
      const viewId = str(body.viewId);
      const selected = str(body.selected);
      const answer = await slack.action({
        user,
        actionId: str(body.actionId),
        ...(str(body.blockId) ? { blockId: str(body.blockId) } : {}),
        ...(typeof body.value === 'string' ? { value: body.value } : {}),
        ...(selected && str(body.kind) === 'users_select'
          ? { selectedUser: selected, actionType: 'users_select' }
          : selected
            ? { selectedOption: { value: selected } }
            : {}),
        ...(viewId
          ? { viewId }
          : {
              channel: str(body.channel),
              messageTs: str(body.messageTs),
              isEphemeral: body.ephemeral === true,
            }),
      });
      if (answer.status !== 200) recordAnswer(state, answer, str(body.channel), user, 'The button');
      return { ok: answer.status === 200 };
    },
    async reaction(body) {
      const user = requireUser(body);
      const target = { user, channel: str(body.channel), ts: str(body.ts), reaction: str(body.name) };
      if (!/^[a-z0-9_+'-]+$/.test(target.reaction)) throw new HttpError(400, 'not an emoji name');
      const message = standIn.message(target.channel, target.ts);
      if (!message) throw new HttpError(404, 'no such message');
      const mine = message.reactions.some((r) => r.name === target.reaction && r.users.includes(user));
      const answer = mine ? await slack.reactionRemoved(target) : await slack.reactionAdded(target);
      return { ok: answer.status === 200, added: !mine };
    },
    async submit(body) {
      const user = requireUser(body);
      const viewId = str(body.viewId);
      const stored = standIn.view(viewId);
      if (!stored) throw new HttpError(404, 'no such view');
      const raw = (body.values ?? {}) as Record<string, Record<string, RawInput>>;
      const values = buildStateValues(stored.view.blocks, raw, zoneOf(state, user));
      const answer = await slack.viewSubmission({ user, viewId, values });
      const json = answer.json as Obj | undefined;
      if (answer.status !== 200) return { ok: false, error: `Rally answered HTTP ${answer.status}` };
      return applySubmissionAnswer(state, user, viewId, json);
    },
    async close(body) {
      requireUser(body);
      closedViews.add(str(body.viewId));
      return { ok: true };
    },
    async home(body) {
      const user = requireUser(body);
      const answer = await slack.appHomeOpened(user);
      return { ok: answer.status === 200 };
    },
  };
}
