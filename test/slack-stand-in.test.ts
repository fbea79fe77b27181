import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type BlockButtonAction, verifySlackRequest } from '@slack/bolt';
import { LogLevel, SocketModeClient } from '@slack/socket-mode';
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANNELS,
  dmChannelId,
  eventEnvelope,
  FILE_UPLOAD_FAULT_KEY,
  reactionAddedEvent,
  SlackRequests,
  SlackStandIn,
  slashCommandBody,
  USERS,
} from './support/slack/index.js';

let standIn: SlackStandIn;
let client: WebClient;

function webClient(token: string, options: { timeout?: number } = {}): WebClient {
  return new WebClient(token, {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    ...options,
  });
}

async function platformError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data.error;
}

beforeAll(async () => {
  standIn = await SlackStandIn.start();
  client = webClient(standIn.botToken);
});

afterEach(() => standIn.reset());

afterAll(async () => {
  await standIn.close();
});

describe('Web API', () => {
  it('posts, updates and exposes the stored message', async () => {
    const posted = await client.chat.postMessage({
      channel: CHANNELS.general,
      text: 'Sign the petition',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Sign the petition*' } }],
    });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(posted.channel).toBe(CHANNELS.general);
    expect(posted.message?.bot_id).toBe(standIn.botId);

    const call = standIn.calls('chat.postMessage')[0];
    expect(call?.token).toBe(standIn.botToken);
    expect(call?.args.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*Sign the petition*' } },
    ]);

    await client.chat.update({ channel: CHANNELS.general, ts: posted.ts ?? '', text: '12 signatures' });
    const stored = standIn.message(CHANNELS.general, posted.ts ?? '');
    expect(stored?.text).toBe('12 signatures');
    expect(stored?.updates).toBe(1);
    expect(stored?.history.map((version) => version.text)).toEqual(['Sign the petition']);
    // Blocks left out of chat.update are kept, and Slack-assigned block ids appear.
    expect(stored?.blocks[0]?.block_id).toEqual(expect.any(String));

    const second = await client.chat.postMessage({
      channel: CHANNELS.general,
      text: 'reply',
      thread_ts: posted.ts,
    });
    expect(Number(second.ts)).toBeGreaterThan(Number(posted.ts));
    expect(standIn.messages(CHANNELS.general).map((m) => m.thread_ts)).toEqual([undefined, posted.ts]);
  });

  it('refuses channels the bot cannot post to, and posts to a user id in their DM', async () => {
    expect(await platformError(client.chat.postMessage({ channel: 'C0NOPE0000', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await platformError(client.chat.postMessage({ channel: CHANNELS.random, text: 'x' }))).toBe(
      'not_in_channel',
    );
    expect(await platformError(client.chat.postMessage({ channel: CHANNELS.secret, text: 'x' }))).toBe(
      'not_in_channel',
    );
    expect(await platformError(client.chat.postMessage({ channel: CHANNELS.archived, text: 'x' }))).toBe(
      'is_archived',
    );
    const dm = await client.chat.postMessage({ channel: USERS.alice, text: 'hi' });
    expect(dm.channel).toBe(dmChannelId(USERS.alice));
    expect(standIn.messages(dmChannelId(USERS.alice))).toHaveLength(1);
  });

  it('answers token problems with Slack error codes', async () => {
    expect(await platformError(webClient('xoxb-wrong').auth.test())).toBe('invalid_auth');
    expect(await platformError(webClient(standIn.appToken).auth.test())).toBe('not_allowed_token_type');
    const auth = await client.auth.test();
    expect(auth).toMatchObject({
      team_id: standIn.teamId,
      user_id: standIn.botUserId,
      bot_id: standIn.botId,
    });
    expect(await platformError(client.apiCall('chat.teleport'))).toBe('unknown_method');
    expect(standIn.calls('chat.teleport')).toHaveLength(1);
  });

  it('surfaces injected faults as the matching WebClient errors', async () => {
    standIn.failNext('chat.postMessage', { kind: 'rate_limited', retryAfter: 7 });
    standIn.failNext('chat.update', { kind: 'http', status: 500 });
    standIn.failNext('reactions.add', { kind: 'error', error: 'channel_not_found' });

    const limited = await client.chat
      .postMessage({ channel: CHANNELS.general, text: 'x' })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(WebAPIRateLimitedError);
    expect((limited as WebAPIRateLimitedError).retryAfter).toBe(7);

    const posted = await client.chat.postMessage({ channel: CHANNELS.general, text: 'x' });
    const http = await client.chat
      .update({ channel: CHANNELS.general, ts: posted.ts ?? '', text: 'y' })
      .catch((e: unknown) => e);
    expect(http).toBeInstanceOf(WebAPIHTTPError);
    expect((http as WebAPIHTTPError).statusCode).toBe(500);

    const platform = client.reactions.add({
      channel: CHANNELS.general,
      timestamp: posted.ts ?? '',
      name: 'tada',
    });
    expect(await platformError(platform)).toBe('channel_not_found');
    expect(standIn.calls().map((call) => call.status)).toEqual([429, 200, 500, 200]);
  });

  it('can hang a method until the client gives up', async () => {
    standIn.failNext('users.info', { kind: 'hang' });
    const impatient = webClient(standIn.botToken, { timeout: 100 });
    await expect(impatient.users.info({ user: USERS.bob })).rejects.toBeInstanceOf(WebAPIRequestError);
    const bob = await client.users.info({ user: USERS.bob });
    expect(bob.user?.tz).toBe('America/New_York');
  });

  it('enforces a per-channel rate limit with a usable Retry-After', async () => {
    standIn.enforceRateLimit('chat.postMessage', { perChannelPerSecond: 1 });
    await client.chat.postMessage({ channel: CHANNELS.general, text: 'first' });
    await client.chat.postMessage({ channel: CHANNELS.organizing, text: 'other channel' });
    const limited = await client.chat
      .postMessage({ channel: CHANNELS.general, text: 'second' })
      .catch((e: unknown) => e);
    expect((limited as WebAPIRateLimitedError).retryAfter).toBe(1);
    expect(standIn.messages()).toHaveLength(2);
  });

  it('waitForCall resolves for a call made later, and explains a timeout', async () => {
    const waiting = standIn.waitForCall('chat.postEphemeral', (call) => call.args.user === USERS.bob);
    await client.chat.postEphemeral({ channel: CHANNELS.general, user: USERS.alice, text: 'for alice' });
    await client.chat.postEphemeral({ channel: CHANNELS.general, user: USERS.bob, text: 'for bob' });
    expect((await waiting).args.text).toBe('for bob');
    expect(standIn.ephemerals(USERS.bob).map((e) => e.text)).toEqual(['for bob']);

    await expect(standIn.waitForCall('views.publish', undefined, 50)).rejects.toThrow(
      /views\.publish.*chat\.postEphemeral x2/,
    );
  });

  it('paginates conversations.members with cursors', async () => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({ channel: CHANNELS.general, limit: 4, cursor });
      pages.push(page.members ?? []);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(pages.map((page) => page.length)).toEqual([4, 2]);
    expect(pages.flat()).toEqual(
      standIn.workspace.channels.find((channel) => channel.id === CHANNELS.general)?.members,
    );
    expect(await platformError(client.conversations.members({ channel: CHANNELS.secret }))).toBe(
      'channel_not_found',
    );
  });

  it('accepts only fresh, issued trigger ids for views.open, once', async () => {
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'New poll' },
      blocks: [],
    };
    expect(await platformError(client.views.open({ trigger_id: '123.456.abc', view }))).toBe(
      'expired_trigger_id',
    );

    const triggerId = standIn.newTriggerId(USERS.carla);
    const opened = await client.views.open({ trigger_id: triggerId, view: { ...view, callback_id: 'poll' } });
    expect(opened.view?.id).toMatch(/^V/);
    expect(standIn.views()[0]).toMatchObject({ user: USERS.carla, type: 'modal' });
    expect(await platformError(client.views.open({ trigger_id: triggerId, view }))).toBe(
      'exchanged_trigger_id',
    );
  });

  it('tracks reactions', async () => {
    const posted = await client.chat.postMessage({ channel: CHANNELS.organizing, text: 'Vote!' });
    const target = { channel: CHANNELS.organizing, timestamp: posted.ts ?? '' };
    await client.reactions.add({ ...target, name: 'white_check_mark' });
    standIn.addReaction({
      channel: target.channel,
      ts: target.timestamp,
      name: 'white_check_mark',
      user: USERS.bob,
    });
    expect(await platformError(client.reactions.add({ ...target, name: 'white_check_mark' }))).toBe(
      'already_reacted',
    );
    const got = await client.reactions.get(target);
    expect(got.message?.reactions).toEqual([
      { name: 'white_check_mark', users: [standIn.botUserId, USERS.bob], count: 2 },
    ]);
  });
});

describe('file uploads', () => {
  /** Steps 1 and 2 of Slack's upload flow: a URL and a file ID, then the bytes POSTed raw. */
  async function upload(filename: string, bytes: Buffer): Promise<string> {
    const ticket = await client.files.getUploadURLExternal({ filename, length: bytes.length });
    expect(ticket.upload_url?.startsWith(`${standIn.baseUrl}/upload/v1/`)).toBe(true);
    const res = await fetch(ticket.upload_url as string, { method: 'POST', body: new Uint8Array(bytes) });
    expect([res.status, await res.text()]).toEqual([200, `OK - ${bytes.length}`]);
    return ticket.file_id as string;
  }

  it('takes the bytes at the URL it gave and shares the files in one message when completed', async () => {
    const pdf = Buffer.from('%PDF-1.7 not really');
    const csv = Buffer.from('name\r\nAda\r\n');
    const ids = [await upload('letter.pdf', pdf), await upload('signers.csv', csv)];
    expect(standIn.files(CHANNELS.general)).toEqual([]);
    const done = await client.files.completeUploadExternal({
      files: [
        { id: ids[0] as string, title: 'The letter' },
        { id: ids[1] as string, title: 'Signers' },
      ],
      channel_id: CHANNELS.general,
      initial_comment: 'For delivery',
    });
    expect(done.files?.map((f) => [f.id, f.title, f.filetype, f.size, f.channels])).toEqual([
      [ids[0], 'The letter', 'pdf', pdf.length, [CHANNELS.general]],
      [ids[1], 'Signers', 'csv', csv.length, [CHANNELS.general]],
    ]);
    const [message] = standIn.messages(CHANNELS.general);
    expect([message?.text, message?.files, message?.user]).toEqual(['For delivery', ids, standIn.botUserId]);
    expect(standIn.files(CHANNELS.general).map((f) => f.bytes)).toEqual([pdf, csv]);
  });

  it("shares to a person's DM opened with conversations.open, and works with the client's files.uploadV2", async () => {
    const opened = await client.conversations.open({ users: USERS.bob });
    const channel = opened.channel?.id as string;
    expect(channel).toBe(dmChannelId(USERS.bob));
    // uploadV2 POSTs the bytes as a multipart form.
    const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    await client.files.uploadV2({ file: bytes, filename: 'data.bin', title: 'Data', channel_id: channel });
    const [file] = standIn.files(channel);
    expect([file?.name, file?.title, file?.bytes]).toEqual(['data.bin', 'Data', bytes]);
    expect(standIn.fileUploads().at(-1)?.contentType).toMatch(/^multipart\/form-data/);
    const done = await client.files.uploadV2({ content: 'a,b', filename: 'x.csv', channel_id: channel });
    const shared = (done as unknown as { files: { files?: { ims?: string[] }[] }[] }).files[0]?.files?.[0];
    expect(shared?.ims).toEqual([channel]);
  });

  it("answers as Slack does: missing scope, arguments, unknown files, a file completed twice, and channels it can't use", async () => {
    expect(await platformError(client.files.getUploadURLExternal({ filename: 'x.pdf', length: 0 }))).toBe(
      'missing_argument',
    );
    const id = await upload('x.pdf', Buffer.from('x'));
    const complete = (channel_id: string | undefined, fileId = id) =>
      platformError(
        client.files.completeUploadExternal({
          files: [{ id: fileId }],
          ...(channel_id ? { channel_id } : {}),
        }),
      );
    expect(await complete(CHANNELS.general, 'F0NOSUCH01')).toBe('file_not_found');
    expect(await complete('C0NOWHERE1')).toBe('channel_not_found');
    expect(await complete(CHANNELS.secret)).toBe('channel_not_found');
    expect(await complete(CHANNELS.random)).toBe('not_in_channel');
    // A file whose bytes never came is not found either.
    const empty = await client.files.getUploadURLExternal({ filename: 'y.pdf', length: 3 });
    expect(await complete(CHANNELS.general, empty.file_id)).toBe('file_not_found');
    // Without a channel the file stays private; completing it again finds nothing.
    await client.files.completeUploadExternal({ files: [{ id }] });
    expect(standIn.files(CHANNELS.general)).toEqual([]);
    expect(await complete(CHANNELS.general)).toBe('file_not_found');

    standIn.workspace.botScopes = standIn.workspace.botScopes.filter((s) => s !== 'files:write');
    try {
      expect(await platformError(client.files.getUploadURLExternal({ filename: 'z.pdf', length: 1 }))).toBe(
        'missing_scope',
      );
    } finally {
      standIn.workspace.botScopes.push('files:write');
    }
  });

  it('can fail the POST of the bytes, and refuses an upload URL it never gave', async () => {
    const ticket = await client.files.getUploadURLExternal({ filename: 'x.pdf', length: 1 });
    standIn.failNext(FILE_UPLOAD_FAULT_KEY, { kind: 'http', status: 503 });
    const failed = await fetch(ticket.upload_url as string, { method: 'POST', body: 'x' });
    expect(failed.status).toBe(503);
    const unknown = await fetch(`${standIn.baseUrl}/upload/v1/nosuchticket`, { method: 'POST', body: 'x' });
    expect(unknown.status).toBe(404);
    expect(standIn.fileUploads().map((u) => u.status)).toEqual([503, 404]);
  });
});

describe('response_url', () => {
  it('records posts and stores in_channel and ephemeral responses', async () => {
    const body = slashCommandBody(standIn, { text: 'help', user: USERS.deepa, channel: CHANNELS.general });
    const url = body.response_url ?? '';
    const post = (json: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(json),
      });

    expect((await post({ text: 'only you can see this' })).status).toBe(200);
    expect((await post({ response_type: 'in_channel', text: 'everyone sees this' })).status).toBe(200);
    expect(standIn.ephemerals(USERS.deepa).map((e) => e.text)).toEqual(['only you can see this']);
    expect(standIn.messages(CHANNELS.general).map((m) => m.text)).toEqual(['everyone sees this']);
    const first = await standIn.waitForResponse((r) => r.url === url);
    expect(first.body).toEqual({ text: 'only you can see this' });
    expect((await fetch(`${standIn.baseUrl}/respond/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

describe('slash command text', () => {
  const sent = (text: string, raw?: boolean) =>
    slashCommandBody(standIn, { text, ...(raw ? { raw } : {}) }).text;

  it('escapes &, < and > of what was typed, as Slack does', () => {
    expect(sent('poll "Pizza & beer?" "<b>Yes</b>" "No"')).toBe(
      'poll "Pizza &amp; beer?" "&lt;b&gt;Yes&lt;/b&gt;" "No"',
    );
    expect(sent('a &amp; b')).toBe('a &amp;amp; b');
  });

  it('formats the people, channels, special mentions and links Slack recognises', () => {
    expect(sent('remind #general "@channel: @bob brings the banner, see https://x.org/a?b=1&c=2." now')).toBe(
      `remind <#${CHANNELS.general}|general> "<!channel>: <@${USERS.bob}|bob> brings the banner, see <https://x.org/a?b=1&amp;c=2>." now`,
    );
    expect(sent('@here @everyone #core-team')).toBe(`<!here> <!everyone> <#${CHANNELS.coreTeam}|core-team>`);
    // Names Slack does not know, and an e-mail address, stay text.
    expect(sent('#nowhere @nobody bob@example.org @bobby')).toBe('#nowhere @nobody bob@example.org @bobby');
  });

  it("keeps mentions and links already written in Slack's form, and escapes only around them", () => {
    expect(
      sent(
        `post letter <#${CHANNELS.general}|general> <@${USERS.bob}> <!subteam^S0TEAM|@team> & <https://x.org|the plan>`,
      ),
    ).toBe(
      `post letter <#${CHANNELS.general}|general> <@${USERS.bob}> <!subteam^S0TEAM|@team> &amp; <https://x.org|the plan>`,
    );
    expect(sent('<#general> <b>')).toBe('&lt;#general&gt; &lt;b&gt;');
  });

  it('sends text as given with raw', () => {
    expect(sent('a & <b>', true)).toBe('a & <b>');
  });
});

describe('Socket Mode', () => {
  it('serves a real SocketModeClient: hello, acks, retries and a refresh disconnect', async () => {
    const socketClient = new SocketModeClient({
      appToken: standIn.appToken,
      clientOptions: { slackApiUrl: standIn.apiUrl },
      logLevel: LogLevel.ERROR,
      // The client waits clientPingTimeout before reconnecting after a disconnect.
      clientPingTimeout: 100,
    });
    const retries: unknown[] = [];
    socketClient.on(
      'slash_commands',
      async ({ ack, body }: { ack: (r: unknown) => Promise<void>; body: unknown }) => {
        const { text } = body as { text: string };
        await ack({ response_type: 'ephemeral', text: `you said ${text}` });
      },
    );
    socketClient.on(
      'reaction_added',
      async ({ ack, retry_num }: { ack: () => Promise<void>; retry_num: unknown }) => {
        retries.push(retry_num);
        await ack();
      },
    );
    try {
      await socketClient.start();
      await standIn.socketConnected(1000);
      expect(standIn.calls('apps.connections.open')[0]?.token).toBe(standIn.appToken);
      const ack = await standIn.sendEnvelope(
        'slash_commands',
        slashCommandBody(standIn, { text: 'status' }),
        {
          timeoutMs: 2000,
        },
      );
      expect(ack).toEqual({ response_type: 'ephemeral', text: 'you said status' });

      const event = reactionAddedEvent({
        user: USERS.bob,
        reaction: 'tada',
        channel: CHANNELS.general,
        ts: '1.000001',
      });
      const eventAck = await standIn.sendEnvelope('events_api', eventEnvelope(event), {
        retryAttempt: 2,
        retryReason: 'timeout',
      });
      expect(eventAck).toEqual({});
      expect(retries).toEqual([2]);
      expect(standIn.envelopes().map((envelope) => [envelope.type, envelope.acked])).toEqual([
        ['slash_commands', true],
        ['events_api', true],
      ]);

      // Wait for the client's own `connected`: disconnecting it mid-handshake rejects a promise inside the SDK.
      const reconnected = new Promise((resolve) => socketClient.once('connected', resolve));
      await standIn.disconnectSocket('refresh_requested');
      await reconnected;
      expect(standIn.calls('apps.connections.open')).toHaveLength(2);
      expect(standIn.socketConnectionCount()).toBe(1);
    } finally {
      await socketClient.disconnect();
    }
  });
});

describe('SlackRequests', () => {
  let capture: Server;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    capture = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => capture.close(() => resolve()));
  });

  function verify(index: number, signingSecret: string): boolean {
    const request = received[index];
    if (!request) throw new Error(`no request #${index}`);
    try {
      verifySlackRequest({
        signingSecret,
        body: request.body,
        headers: {
          'x-slack-signature': String(request.headers['x-slack-signature']),
          'x-slack-request-timestamp': Number(request.headers['x-slack-request-timestamp']),
        },
      });
      return true;
    } catch {
      return false;
    }
  }

  it('signs requests the way Bolt verifies them', async () => {
    received.length = 0;
    const { port } = capture.address() as AddressInfo;
    const slack = new SlackRequests({ appUrl: `http://127.0.0.1:${port}/slack/events`, standIn });

    const command = await slack.command('new petition', { user: USERS.bob });
    expect(command.json).toEqual({ ok: true });
    await slack.event(
      { type: 'app_home_opened', user: USERS.bob },
      { retryNum: 1, retryReason: 'http_timeout' },
    );
    await slack.command('stale', { timestampOffsetSeconds: -360 });
    await slack.command('forged', { signingSecret: 'not-the-secret' });

    expect(received[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(received[0]?.body).get('user_id')).toBe(USERS.bob);
    expect(verify(0, standIn.signingSecret)).toBe(true);
    expect(verify(0, 'another-secret')).toBe(false);
    expect(received[1]?.headers['x-slack-retry-num']).toBe('1');
    expect(JSON.parse(received[1]?.body ?? '{}')).toMatchObject({
      type: 'event_callback',
      team_id: standIn.teamId,
    });
    expect(verify(1, standIn.signingSecret)).toBe(true);
    expect(verify(2, standIn.signingSecret)).toBe(false);
    expect(verify(3, standIn.signingSecret)).toBe(false);
  });
});

describe('with a real Bolt app over HTTP', () => {
  it('carries a command, a button click and a reaction end to end', async () => {
    const app = new App({
      token: standIn.botToken,
      signingSecret: standIn.signingSecret,
      clientOptions: { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    app.command('/rally', async ({ ack, respond, client, body }) => {
      await ack();
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'new_poll',
          title: { type: 'plain_text', text: 'New poll' },
          blocks: [],
        },
      });
      await respond({
        response_type: 'in_channel',
        text: 'Lunch poll',
        blocks: [
          {
            type: 'actions',
            block_id: 'poll',
            elements: [
              { type: 'button', action_id: 'vote', value: 'yes', text: { type: 'plain_text', text: 'Yes' } },
            ],
          },
        ],
      });
    });
    app.action<BlockButtonAction>('vote', async ({ ack, respond, action }) => {
      await ack();
      await respond({ replace_original: true, text: `voted ${action.value} in ${action.block_id}` });
    });
    app.event('reaction_added', async ({ event, say }) => {
      await say(`thanks <@${event.user}>`);
    });
    const server = (await app.start(0)) as Server;
    try {
      const { port } = server.address() as AddressInfo;
      const slack = new SlackRequests({ appUrl: `http://127.0.0.1:${port}/slack/events`, standIn });

      const command = await slack.command('poll Lunch?', { channel: CHANNELS.general, user: USERS.carla });
      expect(command.status).toBe(200);
      await standIn.waitForResponse((post) => post.url === command.sent.response_url);
      expect(standIn.views()[0]).toMatchObject({ user: USERS.carla, via: 'views.open' });
      const poll = standIn.messages(CHANNELS.general)[0];
      expect(poll?.text).toBe('Lunch poll');

      const click = await slack.action({
        actionId: 'vote',
        channel: CHANNELS.general,
        messageTs: poll?.ts ?? '',
      });
      expect(click.status).toBe(200);
      await standIn.waitForResponse((post) => post.messageTs === poll?.ts);
      expect(standIn.message(CHANNELS.general, poll?.ts ?? '')?.text).toBe('voted yes in poll');

      await slack.reactionAdded({
        user: USERS.bob,
        channel: CHANNELS.general,
        ts: poll?.ts ?? '',
        reaction: 'tada',
      });
      const thanks = await standIn.waitForCall('chat.postMessage');
      expect(thanks.args).toMatchObject({ channel: CHANNELS.general, text: `thanks <@${USERS.bob}>` });
      expect(standIn.message(CHANNELS.general, poll?.ts ?? '')?.reactions).toEqual([
        { name: 'tada', users: [USERS.bob], count: 1 },
      ]);
    } finally {
      await app.stop();
    }
  });
});
