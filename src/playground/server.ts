/**
 * The playground: the real Rally (HTTP receiver, signature checking on) against the Slack stand-in, and a
 * small web page that shows the stand-in's workspace and acts in it as any coworker. Every action on the
 * page reaches Rally the way Slack would send it (`SlackRequests`).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  CHANNELS,
  dmChannelId,
  findChannel,
  findUser,
  SlackRequests,
  SlackStandIn,
  type StoredMessage,
  USERS,
  type ViewStateValues,
  zoneOffsetSeconds,
} from '../../test/support/slack/index.js';
import { loadConfig } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { type RallyProcess, startRally } from '../main.js';
import {
  emojiName,
  escapeHtml,
  type RenderContext,
  renderBlocks,
  renderMessageBody,
  renderModal,
} from './blocks.js';

type Obj = Record<string, unknown>;

export interface PlaygroundOptions {
  redisUrl: string;
  /** The page's port; 0 picks a free one. Default 3210. */
  port?: number;
  host?: string;
  /** Redis key namespace for Rally. Default: `playground-<random>`. */
  namespace?: string;
  logger?: Logger;
  /** How often the stand-in's state is compared and changes pushed to pages. Default 200 ms. */
  pollMs?: number;
}

export interface Playground {
  /** The page's address. */
  url: string;
  port: number;
  standIn: SlackStandIn;
  rally: RallyProcess;
  slack: SlackRequests;
  stop(): Promise<void>;
}

/** The coworkers the page can act as. */
export const playgroundPeople = [
  USERS.alice,
  USERS.bob,
  USERS.carla,
  USERS.deepa,
  USERS.emeka,
  USERS.partner,
];
/** The channels the page shows: two public ones, a private one and a Slack Connect one. */
export const playgroundChannels = [
  CHANNELS.general,
  CHANNELS.organizing,
  CHANNELS.coreTeam,
  CHANNELS.partners,
];

interface LocalEphemeral {
  channel: string;
  user: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: unknown[];
  at: number;
}

interface Client {
  res: ServerResponse;
  user: string;
  last: string;
}

const pageDir = fileURLToPath(new URL('./page/', import.meta.url));
const pageFiles: Record<string, string> = {
  '/': 'index.html',
  '/app.js': 'app.js',
  '/style.css': 'style.css',
};
const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** `YYYY-MM-DDTHH:mm` read in `timeZone` → Unix seconds. */
export function zonedToEpoch(local: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi) / 1000;
  let epoch = asUtc - zoneOffsetSeconds(timeZone, new Date(asUtc * 1000));
  epoch = asUtc - zoneOffsetSeconds(timeZone, new Date(epoch * 1000));
  return epoch;
}

/** What the page sends for one form element. */
interface RawInput {
  value?: string | null;
  values?: string[];
}

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null;

function optionsOf(element: Obj): Obj[] {
  const direct = Array.isArray(element.options) ? element.options.filter(isObj) : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups
        .filter(isObj)
        .flatMap((g) => (Array.isArray(g.options) ? g.options.filter(isObj) : []))
    : [];
  return [...direct, ...grouped];
}

/** `view.state.values` the way Slack builds it from the elements of the view and what was entered. */
export function buildStateValues(
  blocks: unknown,
  raw: Record<string, Record<string, RawInput>>,
  timeZone: string,
): ViewStateValues {
  const values: ViewStateValues = {};
  if (!Array.isArray(blocks)) return values;
  for (const block of blocks as Obj[]) {
    const blockId = typeof block.block_id === 'string' ? block.block_id : '';
    const elements =
      block.type === 'input' ? [block.element] : block.type === 'actions' ? block.elements : [];
    for (const element of (Array.isArray(elements) ? elements : []) as Obj[]) {
      if (!element || typeof element.action_id !== 'string') continue;
      const type = String(element.type);
      const input = raw[blockId]?.[element.action_id] ?? {};
      const text = input.value ?? null;
      const find = (value: string | null | undefined) =>
        value ? (optionsOf(element).find((o) => o.value === value) ?? null) : null;
      let state: Obj | undefined;
      switch (type) {
        case 'plain_text_input':
        case 'number_input':
        case 'email_text_input':
        case 'url_text_input':
          state = { type, value: text === '' ? null : text };
          break;
        case 'radio_buttons':
        case 'static_select':
          state = { type, selected_option: find(text ?? input.values?.[0]) };
          break;
        case 'checkboxes':
        case 'multi_static_select':
          state = {
            type,
            selected_options: (input.values ?? []).map((v) => find(v)).filter((o): o is Obj => o !== null),
          };
          break;
        case 'datetimepicker':
          state = { type, selected_date_time: text ? zonedToEpoch(text, timeZone) : null };
          break;
        case 'datepicker':
          state = { type, selected_date: text || null };
          break;
        case 'timepicker':
          state = { type, selected_time: text || null, timezone: timeZone };
          break;
        default:
          state = undefined;
      }
      if (!state) continue;
      values[blockId] ??= {};
      const forBlock = values[blockId];
      if (forBlock) forBlock[element.action_id] = state;
    }
  }
  return values;
}

async function readJson(req: IncomingMessage): Promise<Obj> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new HttpError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null) return parsed as Obj;
  } catch {}
  throw new HttpError(400, 'expected a JSON object');
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const logger = options.logger ?? createLogger({ level: 'warn' });
  const signingSecret = randomBytes(16).toString('hex');
  const standIn = await SlackStandIn.start({ signingSecret });
  const { workspace } = standIn;
  let rally: RallyProcess;
  try {
    const config = loadConfig({
      SLACK_BOT_TOKEN: standIn.botToken,
      SLACK_API_URL: standIn.apiUrl,
      SLACK_SIGNING_SECRET: signingSecret,
      REDIS_URL: options.redisUrl,
      PORT: '0',
      ROLE: 'all',
      RALLY_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: 'warn',
    });
    rally = await startRally(config, {
      logger,
      namespace: options.namespace ?? `playground-${randomBytes(3).toString('hex')}`,
    });
  } catch (err) {
    await standIn.close();
    throw err;
  }
  const slack = new SlackRequests({ appUrl: `http://127.0.0.1:${rally.port}/slack/events`, standIn });

  const seenAt = new Map<string, number>();
  const localEphemerals: LocalEphemeral[] = [];
  const closedViews = new Set<string>();
  const viewErrors = new Map<string, Record<string, string>>();
  const clients = new Set<Client>();
  let localTs = 0;

  const userName = (id: string): string | undefined => {
    const user = findUser(workspace, id);
    return user ? user.profile.display_name || user.real_name : undefined;
  };
  const channelName = (id: string): string | undefined => findChannel(workspace, id)?.name;
  const zoneOf = (user: string): string => findUser(workspace, user)?.tz ?? 'UTC';
  const ctxFor = (user: string, errors?: Record<string, string>): RenderContext => ({
    userName,
    channelName,
    timeZone: zoneOf(user),
    ...(errors ? { errors } : {}),
  });
  const firstSeen = (channel: string, ts: string, at = Date.now()): number => {
    const key = `${channel}/${ts}`;
    const known = seenAt.get(key);
    if (known !== undefined) return known;
    seenAt.set(key, at);
    return at;
  };
  const clock = (at: number, user: string): string =>
    new Intl.DateTimeFormat('en-US', { timeZone: zoneOf(user), hour: 'numeric', minute: '2-digit' }).format(
      at,
    );

  function reactionsHtml(message: StoredMessage, user: string): string {
    const chips = message.reactions.map((r) => {
      const mine = r.users.includes(user) ? ' mine' : '';
      const glyph = emojiName(r.name) ?? `:${r.name}:`;
      return `<button type="button" class="reaction${mine}" data-name="${escapeHtml(r.name)}" title=":${escapeHtml(r.name)}:">${escapeHtml(glyph)} <span class="count">${r.count}</span></button>`;
    });
    return `<div class="reactions">${chips.join('')}<button type="button" class="add-reaction" title="Add a reaction">☺+</button></div>`;
  }

  function messageHtml(message: StoredMessage, user: string, replies: string): string {
    const at = firstSeen(message.channel, message.ts);
    const isBot = message.user === workspace.botUserId;
    const author = isBot ? 'Rally' : (userName(message.user) ?? message.user);
    const edited = message.updates > 0 ? ' <span class="edited">(edited)</span>' : '';
    return `<div class="msg" data-channel="${escapeHtml(message.channel)}" data-ts="${escapeHtml(message.ts)}"><div class="msg-head"><b>${escapeHtml(author)}</b>${isBot ? ' <span class="app-tag">APP</span>' : ''} <time>${escapeHtml(clock(at, user))}</time>${edited}</div><div class="msg-body">${renderMessageBody(message, ctxFor(user))}</div>${reactionsHtml(message, user)}${replies}</div>`;
  }

  function ephemeralHtml(
    e: { channel: string; ts: string; text: string; blocks: unknown[] },
    at: number,
    user: string,
  ) {
    return `<div class="msg ephemeral" data-channel="${escapeHtml(e.channel)}" data-ts="${escapeHtml(e.ts)}" data-ephemeral="1"><div class="msg-head"><b>Rally</b> <span class="app-tag">APP</span> <time>${escapeHtml(clock(at, user))}</time> <span class="only-you">Only visible to you</span></div><div class="msg-body">${renderMessageBody(e, ctxFor(user))}</div></div>`;
  }

  function ephemeralsFor(user: string) {
    const stored = standIn.ephemerals(user).map((e) => ({ ...e, blocks: e.blocks as unknown[] }));
    return [...stored, ...localEphemerals.filter((e) => e.user === user)];
  }

  function timeline(channel: string, user: string): string {
    const all = standIn.messages(channel);
    const ephemerals = ephemeralsFor(user).filter((e) => e.channel === channel);
    const items: { at: number; html: string }[] = [];
    for (const message of all) {
      if (message.thread_ts && message.thread_ts !== message.ts) continue;
      const replies = all
        .filter((r) => r.thread_ts === message.ts && r.ts !== message.ts)
        .map((r) => ({ at: firstSeen(r.channel, r.ts), html: messageHtml(r, user, '') }));
      for (const e of ephemerals.filter((x) => x.thread_ts === message.ts)) {
        replies.push({ at: e.at, html: ephemeralHtml(e, e.at, user) });
      }
      replies.sort((a, b) => a.at - b.at);
      const thread = replies.length
        ? `<div class="thread"><div class="thread-count">${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}</div>${replies.map((r) => r.html).join('')}</div>`
        : '';
      items.push({ at: firstSeen(channel, message.ts), html: messageHtml(message, user, thread) });
    }
    for (const e of ephemerals) {
      if (e.thread_ts && all.some((m) => m.ts === e.thread_ts)) continue;
      items.push({ at: e.at, html: ephemeralHtml(e, e.at, user) });
    }
    items.sort((a, b) => a.at - b.at);
    return items.map((i) => i.html).join('') || '<div class="empty">No messages yet.</div>';
  }

  function channelsFor(user: string) {
    const rooms = playgroundChannels.map((id) => findChannel(workspace, id)).filter((c) => c !== undefined);
    const listed = rooms
      .filter((c) => !c.is_private || c.members.includes(user))
      .map((c) => ({ id: c.id, name: c.name, private: c.is_private, shared: c.is_ext_shared }));
    const dm = dmChannelId(user);
    if (standIn.messages(dm).length > 0 || ephemeralsFor(user).some((e) => e.channel === dm)) {
      listed.push({ id: dm, name: 'Rally', private: true, shared: false });
    }
    return listed;
  }

  function openModal(user: string) {
    const modals = standIn
      .views()
      .filter((v) => v.type === 'modal' && v.user === user && !closedViews.has(v.id));
    const view = modals.at(-1);
    if (!view) return null;
    return { id: view.id, html: renderModal(view.view, view.id, ctxFor(user, viewErrors.get(view.id))) };
  }

  function snapshot(user: string): string {
    const channels = channelsFor(user);
    const home = standIn.homeView(user);
    return JSON.stringify({
      user,
      channels,
      timelines: Object.fromEntries(channels.map((c) => [c.id, timeline(c.id, user)])),
      modal: openModal(user),
      home: home ? { id: home.id, html: renderBlocks(home.view.blocks, ctxFor(user)) } : null,
    });
  }

  function push(): void {
    for (const client of clients) {
      try {
        const next = snapshot(client.user);
        if (next === client.last) continue;
        client.last = next;
        client.res.write(`event: state\ndata: ${next}\n\n`);
      } catch (err) {
        logger.error({ err }, 'playground could not render the workspace');
      }
    }
  }
  const ticker = setInterval(push, options.pollMs ?? 200);

  const requireUser = (body: Obj): string => {
    const user = text(body.user);
    if (!playgroundPeople.includes(user as (typeof playgroundPeople)[number])) {
      throw new HttpError(400, 'unknown user');
    }
    return user;
  };

  function recordAnswer(
    answer: { status: number; json?: unknown },
    channel: string,
    user: string,
    what: string,
  ) {
    const add = (body: { text: string; blocks: unknown[] }) => {
      localTs += 1;
      localEphemerals.push({ channel, user, ts: `local.${localTs}`, ...body, at: Date.now() });
    };
    if (answer.status !== 200) {
      add({ text: `${what} failed with the error "http_${answer.status}"`, blocks: [] });
      return;
    }
    const json = answer.json as Obj | undefined;
    if (!json || (typeof json.text !== 'string' && !Array.isArray(json.blocks))) return;
    const body = { text: text(json.text), blocks: Array.isArray(json.blocks) ? json.blocks : [] };
    if (json.response_type === 'in_channel') {
      standIn.seedMessage({
        channel,
        user: workspace.botUserId,
        text: body.text,
        blocks: body.blocks as Obj[],
      });
    } else add(body);
  }

  /**
   * `response_action: 'update'` and `'push'` change the modal on Slack's side without a Web API call from the
   * app; the playground does it through the stand-in's own views.update / views.push, so the stored view (and
   * what later `block_actions` and `view_submission` payloads carry) is the new one.
   */
  async function viewsApi(method: 'views.update' | 'views.push', args: Obj): Promise<void> {
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
      throw new HttpError(502, `Rally answered with a view Slack would refuse (${text(answer.error)})`);
    }
  }

  const api: Record<string, (body: Obj) => Promise<Obj>> = {
    async command(body) {
      const user = requireUser(body);
      const channel = text(body.channel);
      const line = text(body.text).trim();
      if (!line) throw new HttpError(400, 'empty message');
      if (!line.startsWith('/')) {
        standIn.seedMessage({ channel, user, text: line });
        return { ok: true };
      }
      const [command = '', ...rest] = line.split(' ');
      const answer = await slack.command(rest.join(' '), { user, channel, command });
      recordAnswer(answer, channel, user, command);
      return { ok: answer.status === 200 };
    },
    async action(body) {
      const user = requireUser(body);
      const viewId = text(body.viewId);
      const selected = text(body.selected);
      const answer = await slack.action({
        user,
        actionId: text(body.actionId),
        ...(text(body.blockId) ? { blockId: text(body.blockId) } : {}),
        ...(typeof body.value === 'string' ? { value: body.value } : {}),
        ...(selected ? { selectedOption: { value: selected } } : {}),
        ...(viewId
          ? { viewId }
          : {
              channel: text(body.channel),
              messageTs: text(body.messageTs),
              isEphemeral: body.ephemeral === true,
            }),
      });
      if (answer.status !== 200) recordAnswer(answer, text(body.channel), user, 'The button');
      return { ok: answer.status === 200 };
    },
    async reaction(body) {
      const user = requireUser(body);
      const target = { user, channel: text(body.channel), ts: text(body.ts), reaction: text(body.name) };
      if (!/^[a-z0-9_+'-]+$/.test(target.reaction)) throw new HttpError(400, 'not an emoji name');
      const message = standIn.message(target.channel, target.ts);
      if (!message) throw new HttpError(404, 'no such message');
      const mine = message.reactions.some((r) => r.name === target.reaction && r.users.includes(user));
      const answer = mine ? await slack.reactionRemoved(target) : await slack.reactionAdded(target);
      return { ok: answer.status === 200, added: !mine };
    },
    async submit(body) {
      const user = requireUser(body);
      const viewId = text(body.viewId);
      const stored = standIn.view(viewId);
      if (!stored) throw new HttpError(404, 'no such view');
      const raw = (body.values ?? {}) as Record<string, Record<string, RawInput>>;
      const values = buildStateValues(stored.view.blocks, raw, zoneOf(user));
      const answer = await slack.viewSubmission({ user, viewId, values });
      const json = answer.json as Obj | undefined;
      if (answer.status !== 200) return { ok: false, error: `Rally answered HTTP ${answer.status}` };
      if (json?.response_action === 'errors') {
        viewErrors.set(viewId, (json.errors ?? {}) as Record<string, string>);
        return { ok: false, errors: json.errors };
      }
      viewErrors.delete(viewId);
      const replacement = json?.view;
      if (json?.response_action === 'update' && isObj(replacement)) {
        await viewsApi('views.update', { view_id: viewId, view: replacement });
        return { ok: true };
      }
      if (json?.response_action === 'push' && isObj(replacement)) {
        await viewsApi('views.push', { trigger_id: standIn.newTriggerId(user), view: replacement });
        return { ok: true };
      }
      if (json?.response_action === 'clear') {
        for (const v of standIn.views()) if (v.user === user) closedViews.add(v.id);
      } else closedViews.add(viewId);
      return { ok: true };
    },
    async close(body) {
      requireUser(body);
      closedViews.add(text(body.viewId));
      return { ok: true };
    },
    async home(body) {
      const user = requireUser(body);
      const answer = await slack.appHomeOpened(user);
      return { ok: answer.status === 200 };
    },
  };

  function workspaceInfo(): Obj {
    return {
      team: workspace.team.name,
      people: playgroundPeople.map((id) => {
        const user = findUser(workspace, id);
        return {
          id,
          name: user?.real_name ?? id,
          tz: user?.tz ?? 'UTC',
          tzLabel: user?.tz_label ?? '',
          offset: user?.tz_offset ?? 0,
        };
      }),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://playground');
    const file = pageFiles[url.pathname];
    if (req.method === 'GET' && file) {
      const body = await readFile(`${pageDir}${file}`);
      res.writeHead(200, {
        'content-type': contentTypes[file.split('.').pop() ?? ''] ?? 'text/plain',
        'cache-control': 'no-store',
      });
      res.end(body);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/workspace') {
      sendJson(res, 200, workspaceInfo());
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/events') {
      const user = url.searchParams.get('user') ?? USERS.alice;
      requireUser({ user });
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      const client: Client = { res, user, last: '' };
      clients.add(client);
      req.on('close', () => clients.delete(client));
      push();
      return;
    }
    const action = /^\/api\/(\w+)$/.exec(url.pathname)?.[1];
    const run = action && Object.hasOwn(api, action) ? api[action] : undefined;
    if (req.method === 'POST' && run) {
      const result = await run(await readJson(req));
      push();
      sendJson(res, 200, result);
      return;
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) logger.error({ err }, 'playground request failed');
      if (!res.headersSent)
        sendJson(res, status, { ok: false, error: String((err as Error).message ?? err) });
      else res.end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 3210, host, () => resolve());
    });
  } catch (err) {
    clearInterval(ticker);
    await rally.stop();
    await standIn.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}/`,
    port,
    standIn,
    rally,
    slack,
    async stop() {
      clearInterval(ticker);
      for (const client of clients) client.res.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await rally.stop();
      await standIn.close();
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
