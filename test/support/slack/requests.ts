import {
  appHomeOpenedEvent,
  eventEnvelope,
  reactionAddedEvent,
  reactionRemovedEvent,
  type SlackEvent,
} from './events.js';
import {
  type BlockActionOptions,
  blockActionsPayload,
  type GlobalShortcutOptions,
  globalShortcutPayload,
  type MessageShortcutOptions,
  messageShortcutPayload,
  type SlashCommandOptions,
  slashCommandBody,
  type ViewSubmissionOptions,
  viewSubmissionPayload,
} from './payloads.js';
import { viewObject } from './shapes.js';
import { slackSignature } from './signing.js';
import type { SlackStandIn } from './stand-in.js';

/** Bolt compares the content type exactly: any `; charset=…` makes it parse the body as JSON (HTTP 400). */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export interface SignOptions {
  /** Shifts X-Slack-Request-Timestamp; Bolt rejects requests older than 5 minutes (e.g. -360), not future ones. */
  timestampOffsetSeconds?: number;
  /** Signs with this secret instead of the configured one (e.g. a wrong one). */
  signingSecret?: string;
  headers?: Record<string, string>;
}

export interface EventSendOptions extends SignOptions {
  /** Sets X-Slack-Retry-Num (1..3 on Slack's redeliveries). */
  retryNum?: number;
  /** Sets X-Slack-Retry-Reason, e.g. `http_timeout`. */
  retryReason?: string;
  eventId?: string;
}

export interface SlackHttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body when it is JSON. */
  json?: unknown;
}

/** The answer plus what was sent (e.g. its `response_url` and `trigger_id`). */
export interface SentRequest<T> extends SlackHttpResponse {
  sent: T;
}

export interface RawRequest {
  body: string;
  contentType: string;
  /** Seconds; default now. `false` leaves out X-Slack-Request-Timestamp. */
  timestamp?: number | false;
  /** Default: the correct signature. `false` leaves out X-Slack-Signature. */
  signature?: string | false;
  headers?: Record<string, string>;
}

export interface SlackRequestsOptions {
  /** The app's Slack endpoint, e.g. `http://127.0.0.1:3000/slack/events`. */
  appUrl: string;
  standIn: SlackStandIn;
  /** Default: `standIn.signingSecret`. */
  signingSecret?: string;
}

/** Sends the app what Slack sends (commands, interactions, events), signed the way Slack signs them. */
export class SlackRequests {
  readonly appUrl: string;
  readonly standIn: SlackStandIn;
  readonly signingSecret: string;

  constructor(options: SlackRequestsOptions) {
    this.appUrl = options.appUrl;
    this.standIn = options.standIn;
    this.signingSecret = options.signingSecret ?? options.standIn.signingSecret;
  }

  /** A slash command (default `/rally`, from Alice in #organizing). */
  async command(
    text: string,
    options: Omit<SlashCommandOptions, 'text'> & SignOptions = {},
  ): Promise<SentRequest<Record<string, string>>> {
    const fields = slashCommandBody(this.standIn, { ...options, text });
    const response = await this.#signedSend(
      new URLSearchParams(fields).toString(),
      FORM_CONTENT_TYPE,
      options,
    );
    return { ...response, sent: fields };
  }

  /** A `block_actions` interaction, sent as `payload=<json>`. */
  async action(options: BlockActionOptions & SignOptions): Promise<SentRequest<Record<string, unknown>>> {
    return this.interaction(blockActionsPayload(this.standIn, options), options);
  }

  /** A `view_submission` interaction. */
  async viewSubmission(
    options: ViewSubmissionOptions & SignOptions,
  ): Promise<SentRequest<Record<string, unknown>>> {
    return this.interaction(viewSubmissionPayload(this.standIn, options), options);
  }

  /** A global shortcut (the shortcuts menu, or search). */
  async shortcut(
    options: GlobalShortcutOptions & SignOptions,
  ): Promise<SentRequest<Record<string, unknown>>> {
    return this.interaction(globalShortcutPayload(this.standIn, options), options);
  }

  /** A message shortcut, run on a message in the stand-in. */
  async messageShortcut(
    options: MessageShortcutOptions & SignOptions,
  ): Promise<SentRequest<Record<string, unknown>>> {
    return this.interaction(messageShortcutPayload(this.standIn, options), options);
  }

  /** Any interaction payload (view_closed, ...), sent as `payload=<json>`. */
  async interaction(
    payload: Record<string, unknown>,
    options: SignOptions = {},
  ): Promise<SentRequest<Record<string, unknown>>> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const response = await this.#signedSend(body, FORM_CONTENT_TYPE, options);
    return { ...response, sent: payload };
  }

  /** An Events API delivery of `event` (JSON), optionally marked as a retry. */
  async event(
    event: SlackEvent,
    options: EventSendOptions = {},
  ): Promise<SentRequest<Record<string, unknown>>> {
    const envelope = eventEnvelope(event, {
      workspace: this.standIn.workspace,
      ...(options.eventId ? { eventId: options.eventId } : {}),
    });
    const retryHeaders: Record<string, string> = {};
    if (options.retryNum !== undefined) retryHeaders['x-slack-retry-num'] = String(options.retryNum);
    if (options.retryReason !== undefined) retryHeaders['x-slack-retry-reason'] = options.retryReason;
    const response = await this.#signedSend(JSON.stringify(envelope), 'application/json', {
      ...options,
      headers: { ...retryHeaders, ...options.headers },
    });
    return { ...response, sent: envelope };
  }

  /** A person reacts: the reaction is recorded in the stand-in, then `reaction_added` is delivered. */
  async reactionAdded(
    target: { user: string; channel: string; ts: string; reaction: string },
    options: EventSendOptions = {},
  ): Promise<SentRequest<Record<string, unknown>>> {
    this.standIn.addReaction({
      channel: target.channel,
      ts: target.ts,
      name: target.reaction,
      user: target.user,
    });
    const itemUser = this.standIn.message(target.channel, target.ts)?.user;
    return this.event(reactionAddedEvent({ ...target, ...(itemUser ? { itemUser } : {}) }), options);
  }

  /** A person removes a reaction: recorded in the stand-in, then `reaction_removed` is delivered. */
  async reactionRemoved(
    target: { user: string; channel: string; ts: string; reaction: string },
    options: EventSendOptions = {},
  ): Promise<SentRequest<Record<string, unknown>>> {
    this.standIn.removeReaction({
      channel: target.channel,
      ts: target.ts,
      name: target.reaction,
      user: target.user,
    });
    const itemUser = this.standIn.message(target.channel, target.ts)?.user;
    return this.event(reactionRemovedEvent({ ...target, ...(itemUser ? { itemUser } : {}) }), options);
  }

  /** `app_home_opened`, carrying the user's published home view when there is one (as Slack does). */
  async appHomeOpened(
    user: string,
    options: EventSendOptions & { tab?: 'home' | 'messages' } = {},
  ): Promise<SentRequest<Record<string, unknown>>> {
    const home = this.standIn.homeView(user);
    const view = home ? viewObject(this.standIn.workspace, home) : undefined;
    return this.event(
      appHomeOpenedEvent({ user, ...(options.tab ? { tab: options.tab } : {}), ...(view ? { view } : {}) }),
      options,
    );
  }

  /** The `url_verification` handshake Slack does when the Request URL is saved. */
  async urlVerification(challenge: string, options: SignOptions = {}): Promise<SlackHttpResponse> {
    const body = JSON.stringify({
      token: this.standIn.workspace.verificationToken,
      challenge,
      type: 'url_verification',
    });
    return this.#signedSend(body, 'application/json', options);
  }

  /** Anything, for malformed, unsigned or tampered requests. */
  async raw(request: RawRequest): Promise<SlackHttpResponse> {
    const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': request.contentType };
    if (timestamp !== false) headers['x-slack-request-timestamp'] = String(timestamp);
    const signature =
      request.signature ??
      (timestamp === false ? false : slackSignature(this.signingSecret, timestamp, request.body));
    if (signature !== false) headers['x-slack-signature'] = signature;
    return this.#post(request.body, { ...headers, ...request.headers });
  }

  async #signedSend(body: string, contentType: string, options: SignOptions): Promise<SlackHttpResponse> {
    const timestamp = Math.floor(Date.now() / 1000) + (options.timestampOffsetSeconds ?? 0);
    return this.#post(body, {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.signingSecret ?? this.signingSecret, timestamp, body),
      ...options.headers,
    });
  }

  async #post(body: string, headers: Record<string, string>): Promise<SlackHttpResponse> {
    const response = await fetch(this.appUrl, {
      method: 'POST',
      headers: { 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', ...headers },
      body,
      redirect: 'manual',
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text,
      ...(text ? parseJson(text) : {}),
    };
  }
}

function parseJson(text: string): { json?: unknown } {
  try {
    return { json: JSON.parse(text) };
  } catch {
    return {};
  }
}
