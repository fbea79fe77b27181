/** Shows Rally's HTTP answer to a slash command (or a failed request) the way Slack would. */
import { type Obj, str } from './block-json.js';
import { addLocalEphemeral, type PlaygroundState } from './playground-state.js';

export function recordAnswer(
  state: PlaygroundState,
  answer: { status: number; json?: unknown },
  channel: string,
  user: string,
  what: string,
): void {
  const add = (body: { text: string; blocks: unknown[] }) =>
    addLocalEphemeral(state, { channel, user, ...body });
  if (answer.status !== 200) {
    add({ text: `${what} failed with the error "http_${answer.status}"`, blocks: [] });
    return;
  }
  const json = answer.json as Obj | undefined;
  if (!json || (typeof json.text !== 'string' && !Array.isArray(json.blocks))) return;
  const body = { text: str(json.text), blocks: Array.isArray(json.blocks) ? json.blocks : [] };
  if (json.response_type === 'in_channel') {
    state.standIn.seedMessage({
      channel,
      user: state.standIn.workspace.botUserId,
      text: body.text,
      blocks: body.blocks as Obj[],
    });
  } else add(body);
}
