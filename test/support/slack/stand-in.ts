import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiFault, FaultPolicy, RateLimitRule } from './faults.js';
import { FaultPlan } from './faults.js';
import { type FileUploadPost, handleFileUpload } from './file-uploads.js';
import { readRawBody, sendJson } from './http-util.js';
import { RecordLog } from './record-log.js';
import { handleResponseUrl, type ResponseUrlPost } from './response-urls.js';
import {
  type EnvelopeOptions,
  type EnvelopeRecord,
  type EnvelopeType,
  SocketModeHub,
} from './socket-mode.js';
import {
  addReaction,
  type Block,
  removeReaction,
  SlackState,
  type StoredEphemeral,
  type StoredFile,
  type StoredMessage,
  type StoredView,
} from './state.js';
import { type ApiCall, handleApiRequest } from './web-api.js';
import { createWorkspace, type Workspace } from './workspace.js';

export interface StandInOptions {
  /** Defaults to `createWorkspace()`. The stand-in changes it as the app acts (joins, DMs opened). */
  workspace?: Workspace;
  /** The secret the app under test verifies requests with; `SlackRequests` signs with it by default. */
  signingSecret?: string;
  /** How long an issued trigger id stays usable for views.open/push (Slack: 3 s). */
  triggerTtlMs?: number;
}

export interface ResponseUrlTarget {
  channel?: string;
  user?: string;
  /** The message an interaction happened on, so `replace_original` / `delete_original` act on it. */
  messageTs?: string;
}

export interface SeedMessage {
  channel: string;
  /** Author: a person posting, or `'app'` for a message the app posted before (by an earlier run or version). */
  user: string;
  text: string;
  blocks?: Block[];
  thread_ts?: string;
  /** The message's `ts`, for a message the app already knows by it; a new one otherwise. */
  ts?: string;
}

export interface ReactionTarget {
  channel: string;
  ts: string;
  /** Emoji name without colons, e.g. `thumbsup`. */
  name: string;
  user: string;
}

export const DEFAULT_SIGNING_SECRET = 'rally-test-signing-secret';

/**
 * A local Slack for tests: the Web API on `apiUrl`, Socket Mode over `ws://…/link`, `response_url`s, and
 * state (messages, reactions, views) a test can inspect. Point the app at it with
 * `clientOptions: { slackApiUrl: standIn.apiUrl }`.
 */
export class SlackStandIn {
  readonly workspace: Workspace;
  readonly signingSecret: string;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>/api/`, for `slackApiUrl`. */
  readonly apiUrl: string;
  readonly #server: Server;
  readonly #state: SlackState;
  readonly #faults = new FaultPlan();
  readonly #calls = new RecordLog<ApiCall>();
  readonly #responses = new RecordLog<ResponseUrlPost>();
  readonly #uploads = new RecordLog<FileUploadPost>();
  readonly #socket: SocketModeHub;
  readonly #triggerTtlMs: number;
  #closed = false;

  private constructor(server: Server, socket: SocketModeHub, state: SlackState, options: StandInOptions) {
    const { port } = server.address() as AddressInfo;
    this.#server = server;
    this.#socket = socket;
    this.#state = state;
    this.workspace = state.workspace;
    this.signingSecret = options.signingSecret ?? DEFAULT_SIGNING_SECRET;
    this.#triggerTtlMs = options.triggerTtlMs ?? 3000;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
  }

  static async start(options: StandInOptions = {}): Promise<SlackStandIn> {
    const workspace = options.workspace ?? createWorkspace();
    const socket = new SocketModeHub(workspace.appId);
    const server = createServer();
    server.on('upgrade', (req, duplex, head) => {
      if (!socket.handleUpgrade(req, duplex, head)) duplex.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const standIn = new SlackStandIn(server, socket, new SlackState(workspace), options);
    server.on('request', (req, res) => {
      standIn.#route(req, res).catch((error: unknown) => {
        sendJson(res, 500, { ok: false, error: 'stand_in_failure', detail: String(error) });
      });
    });
    return standIn;
  }

  get teamId(): string {
    return this.workspace.team.id;
  }
  get botToken(): string {
    return this.workspace.botToken;
  }
  get appToken(): string {
    return this.workspace.appToken;
  }
  get botUserId(): string {
    return this.workspace.botUserId;
  }
  get botId(): string {
    return this.workspace.botId;
  }
  get appId(): string {
    return this.workspace.appId;
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const bytes = await readRawBody(req);
    const upload = /^\/upload\/v1\/([\w-]+)$/.exec(url.pathname);
    if (upload?.[1] && req.method === 'POST') {
      await handleFileUpload(req, res, upload[1], bytes, {
        state: this.#state,
        faults: this.#faults,
        uploads: this.#uploads,
      });
      return;
    }
    const rawBody = bytes.toString('utf8');
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (api?.[1]) {
      await handleApiRequest(req, res, api[1], rawBody, url.searchParams, {
        workspace: this.workspace,
        state: this.#state,
        faults: this.#faults,
        calls: this.#calls,
        triggerTtlMs: this.#triggerTtlMs,
        socketModeUrl: () => this.#socket.issueUrl(url.host),
        uploadUrl: (ticket) => `${this.baseUrl}/upload/v1/${ticket}`,
      });
      return;
    }
    const respond = /^\/respond\/([\w-]+)$/.exec(url.pathname);
    if (respond?.[1] && req.method === 'POST') {
      handleResponseUrl(res, respond[1], rawBody, {
        state: this.#state,
        faults: this.#faults,
        responses: this.#responses,
      });
      return;
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  // ---- faults ----

  /**
   * The next `times` calls of `method` fail with `fault` instead of being answered. `method` may also be
   * `'response_url'` (then POSTs to response URLs fail) or `'file_upload'` (POSTs of files' bytes).
   */
  failNext(method: string, fault: ApiFault, times = 1): void {
    this.#faults.failNext(method, fault, times);
  }

  /** The next `times` calls of `method` whose arguments `match` fail with `fault` (e.g. only a thread reply). */
  failWhen(
    method: string,
    match: (args: Record<string, unknown>) => boolean,
    fault: ApiFault,
    times = 1,
  ): void {
    this.#faults.failWhen(method, match, fault, times);
  }

  /**
   * Every call (of any method, and POSTs to response URLs as `'response_url'`) not already given a fault by
   * `failNext` or `failWhen` asks `policy` whether it fails, until `failWith(undefined)` or `reset()`.
   */
  failWith(policy: FaultPolicy | undefined): void {
    this.#faults.failWith(policy);
  }

  /** Every call of `method` waits `ms` before being answered, until `delay(method, 0)`. */
  delay(method: string, ms: number): void {
    this.#faults.setDelay(method, ms);
  }

  /** Answers calls over the limits with HTTP 429 and the `Retry-After` that would work; `null` lifts them. */
  enforceRateLimit(method: string, rule: RateLimitRule | null): void {
    this.#faults.setRateLimit(method, rule);
  }

  // ---- Web API inspection ----

  /** Calls received so far, oldest first, optionally only those of `method`. */
  calls(method?: string): ApiCall[] {
    return this.#calls.all().filter((call) => method === undefined || call.method === method);
  }

  /**
   * The first call of `method` (matching `predicate`) already received or still to come. The predicate is
   * checked on arrival and again once the call is answered, so `(call) => call.status === 200` waits for
   * the answer. Without a delay or fault the stand-in's state is already updated when this resolves.
   */
  waitForCall(
    method: string,
    predicate: (call: ApiCall) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ApiCall> {
    return this.#calls.waitFor(
      (call) => call.method === method && predicate(call),
      timeoutMs,
      () => `waitForCall('${method}') timed out after ${timeoutMs} ms; calls seen: ${this.#describeCalls()}`,
    );
  }

  #describeCalls(): string {
    const counts = new Map<string, number>();
    for (const call of this.#calls.all()) counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
    if (counts.size === 0) return 'none';
    return [...counts].map(([method, count]) => `${method} x${count}`).join(', ');
  }

  // ---- state ----

  /** Messages (thread replies included), oldest first, optionally of one channel. */
  messages(channel?: string): StoredMessage[] {
    return this.#state.listMessages(channel);
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.#state.findMessage(channel, ts);
  }

  /** Ephemeral messages (from chat.postEphemeral and response URLs), optionally for one user. */
  ephemerals(user?: string): StoredEphemeral[] {
    return this.#state.ephemerals.filter((ephemeral) => user === undefined || ephemeral.user === user);
  }

  /** Modals and home tabs the app opened, pushed or published. */
  views(): StoredView[] {
    return [...this.#state.views.values()];
  }

  view(id: string): StoredView | undefined {
    return this.#state.views.get(id);
  }

  homeView(user: string): StoredView | undefined {
    const id = this.#state.homeViews.get(user);
    return id ? this.#state.views.get(id) : undefined;
  }

  /**
   * Files uploaded (files.getUploadURLExternal and the POST of their bytes), oldest first; with `channel`,
   * only those shared there by files.completeUploadExternal. `bytes` holds what was uploaded.
   */
  files(channel?: string): StoredFile[] {
    return [...this.#state.files.values()].filter(
      (file) => channel === undefined || file.shares.some((share) => share.channel === channel),
    );
  }

  /** POSTs to upload URLs, oldest first. */
  fileUploads(): FileUploadPost[] {
    return this.#uploads.all();
  }

  /**
   * Adds a message written by a person, or one the app posted earlier (`user: 'app'`); the app's new
   * messages come from chat.postMessage.
   */
  seedMessage(message: SeedMessage): StoredMessage {
    const { workspace } = this;
    const author =
      message.user === 'app'
        ? { user: workspace.botUserId, bot_id: workspace.botId }
        : { user: message.user };
    return this.#state.insertMessage({
      channel: message.channel,
      ts: message.ts ?? this.#state.nextTs(),
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      text: message.text,
      blocks: message.blocks ?? [],
      ...author,
    });
  }

  /** Records a person's reaction (what Slack does before sending `reaction_added`). */
  addReaction(target: ReactionTarget): void {
    const message = this.#requireMessage(target);
    if (!addReaction(message, target.name, target.user)) {
      throw new Error(`${target.user} already reacted :${target.name}: on ${target.channel}/${target.ts}`);
    }
  }

  removeReaction(target: ReactionTarget): void {
    const message = this.#requireMessage(target);
    if (!removeReaction(message, target.name, target.user)) {
      throw new Error(`${target.user} has no :${target.name}: reaction on ${target.channel}/${target.ts}`);
    }
  }

  #requireMessage(target: { channel: string; ts: string }): StoredMessage {
    const message = this.#state.findMessage(target.channel, target.ts);
    if (!message) throw new Error(`no message ${target.channel}/${target.ts} in the stand-in`);
    return message;
  }

  // ---- interactivity ----

  /** A fresh trigger id, usable once with views.open/views.push within the trigger TTL (3 s). */
  newTriggerId(user?: string): string {
    // Shaped like Slack's, e.g. `13345224609.738474920.8088930838d88f008e0`.
    const id = `${Date.now()}.738474920.${this.#state.randomHex(11)}`;
    this.#state.triggers.set(id, { ...(user ? { user } : {}), issuedAt: Date.now(), used: false });
    return id;
  }

  /** `http://127.0.0.1:<port>/respond/<id>`; POSTs to it are recorded and act on `target`. */
  newResponseUrl(target: ResponseUrlTarget = {}): string {
    const id = this.#state.nextId('R').toLowerCase() + this.#state.randomHex(8);
    const url = `${this.baseUrl}/respond/${id}`;
    this.#state.responseUrls.set(id, { id, url, ...target, uses: 0 });
    return url;
  }

  responses(): ResponseUrlPost[] {
    return this.#responses.all();
  }

  waitForResponse(
    predicate: (post: ResponseUrlPost) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ResponseUrlPost> {
    return this.#responses.waitFor(
      predicate,
      timeoutMs,
      () =>
        `waitForResponse timed out after ${timeoutMs} ms; ${this.#responses.all().length} response_url posts seen`,
    );
  }

  // ---- Socket Mode ----

  /** Resolves once a Socket Mode client is connected and has received `hello`. */
  socketConnected(timeoutMs = 5000): Promise<void> {
    return this.#socket.connected(timeoutMs);
  }

  socketConnectionCount(): number {
    return this.#socket.count();
  }

  /** Sends an envelope to the newest connection; resolves with the ack's `payload` (rejects on timeout). */
  sendEnvelope(type: EnvelopeType, payload: unknown, options: EnvelopeOptions = {}): Promise<unknown> {
    return this.#socket.send(type, payload, options);
  }

  envelopes(): EnvelopeRecord[] {
    return this.#socket.envelopes();
  }

  /** Sends `{ type: 'disconnect', reason }` and waits for the clients to close their connections. */
  disconnectSocket(reason = 'refresh_requested'): Promise<void> {
    return this.#socket.disconnect(reason);
  }

  // ---- lifecycle ----

  /**
   * Forgets calls, faults, delays, rate limits, messages, ephemerals, views, files, response_url posts, file
   * uploads and envelopes.
   * The workspace, issued trigger ids / response URLs and Socket Mode connections stay.
   */
  reset(): void {
    this.#calls.clear();
    this.#responses.clear();
    this.#uploads.clear();
    this.#faults.clear();
    this.#state.clear();
    this.#socket.clearEnvelopes();
  }

  /** Stops everything, including hanging and delayed requests. Disconnect Socket Mode clients first. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#socket.close();
    this.#calls.rejectWaiters('stand-in closed while waiting for a call');
    this.#responses.rejectWaiters('stand-in closed while waiting for a response_url post');
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }
}
