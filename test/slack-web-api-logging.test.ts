import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BoltApp, buildBoltApp } from '../src/app.js';
import { type ContextHarness, startContext } from './support/context.js';
import { CHANNELS, USERS } from './support/slack/index.js';

/**
 * At LOG_LEVEL=debug the Slack Web API client logs every request body, result and header set. Rally's two
 * clients (the jobs' one from the context, and the one Bolt hands to listeners) must not: what people post,
 * poll questions and user IDs stay out of the logs, while the calls themselves and warnings are still logged.
 */

let h: ContextHarness;
let bolt: BoltApp;

const secret = 'Walkout planned for Friday at 3pm, bring signs';

const messagesOf = (lines: readonly string[]) => lines.map((l) => String(JSON.parse(l).msg));

beforeAll(async () => {
  h = await startContext();
  bolt = buildBoltApp(h.ctx);
});

afterAll(async () => {
  await h.stop();
});

describe('the Web API client at debug level', () => {
  it("the jobs' client logs its calls but not what was posted nor what Slack answered", async () => {
    const from = h.logs.lines.length;
    await h.ctx.slack.chat.postMessage({ channel: CHANNELS.general, text: secret });
    const info = await h.ctx.slack.users.info({ user: USERS.bob });
    const lines = h.logs.lines.slice(from);
    expect(messagesOf(lines)).toEqual(
      expect.arrayContaining(["apiCall('chat.postMessage') start", "apiCall('chat.postMessage') end"]),
    );
    const realName = String(info.user?.real_name);
    expect(realName).not.toBe('');
    for (const line of lines) {
      expect(line).not.toContain(secret);
      expect(line).not.toContain(realName);
      expect(line).not.toMatch(/http request (body|result|headers)/);
    }
  });

  it("Bolt's client (what listeners call) does the same, and still logs the SDK's warnings", async () => {
    const from = h.logs.lines.length;
    // Bolt hands listeners a client made with these options and the bot token that Rally's `authorize`
    // gives; the app's own client has the options, and the token is passed here.
    const token = h.standIn.botToken;
    await bolt.app.client.chat.postMessage({ token, channel: CHANNELS.general, text: secret });
    // No top-level text: the SDK warns, and that warning is worth keeping.
    await bolt.app.client.chat.postMessage({
      token,
      channel: CHANNELS.general,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: secret } }],
    });
    const lines = h.logs.lines.slice(from);
    const messages = messagesOf(lines);
    expect(messages).toContain("apiCall('chat.postMessage') start");
    expect(messages.some((m) => m.startsWith('The top-level `text` argument is missing'))).toBe(true);
    for (const line of lines) expect(line).not.toContain(secret);
  });

  it("an error from Slack is logged without Slack's answer", async () => {
    h.standIn.failNext('chat.postMessage', {
      kind: 'error',
      error: 'channel_not_found',
      extra: { detail: secret, user: USERS.carla },
    });
    const failed = await h.ctx.slack.chat
      .postMessage({ channel: CHANNELS.general, text: secret })
      .catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(Error);
    const from = h.logs.lines.length;
    h.ctx.logger.error({ err: failed }, 'post failed');
    const [line = ''] = h.logs.lines.slice(from);
    expect(JSON.parse(line).err.message).toContain('channel_not_found');
    expect(line).not.toContain(secret);
    expect(line).not.toContain(USERS.carla);
  });
});
