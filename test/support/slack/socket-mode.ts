import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { isRecord } from './args.js';
import { RecordLog } from './record-log.js';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface EnvelopeOptions {
  /** `retry_attempt`, as Slack sets on redelivery of an unacknowledged event (Bolt: `context.retryNum`). */
  retryAttempt?: number;
  /** `retry_reason`, e.g. `timeout` (Bolt: `context.retryReason`). */
  retryReason?: string;
  /** How long to wait for the ack; default 5000 ms. */
  timeoutMs?: number;
  /** Defaults: false for events and block_actions, true for slash commands and other interactions. */
  acceptsResponsePayload?: boolean;
}

/** An envelope sent to the app, and its ack once it came. */
export interface EnvelopeRecord {
  envelope_id: string;
  type: EnvelopeType;
  payload: unknown;
  sentAt: number;
  acked: boolean;
  /** The ack's `payload` (`{}` for a bare `ack()`). */
  ack?: unknown;
  ackedAt?: number;
}

interface PendingAck {
  resolve: (payload: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const DEBUG_HOST = 'applink-stand-in';

/** The Socket Mode side of Slack: `wss://…/link` connections, hello, envelopes, acks and disconnects. */
export class SocketModeHub {
  readonly #appId: string;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #open = new Set<WebSocket>();
  readonly #connections = new RecordLog<WebSocket>();
  readonly #tickets = new Set<string>();
  readonly #pending = new Map<string, PendingAck>();
  readonly #envelopes: EnvelopeRecord[] = [];

  constructor(appId: string) {
    this.#appId = appId;
  }

  /** A URL with a one-time ticket, as apps.connections.open returns (Slack: `wss://wss-primary.slack.com/link/?ticket=…&app_id=…`). */
  issueUrl(host: string): string {
    const ticket = randomUUID();
    this.#tickets.add(ticket);
    return `ws://${host}/link/?ticket=${ticket}&app_id=${this.#appId}`;
  }

  /** Takes over an HTTP upgrade for `/link`; returns false for other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname !== '/link' && url.pathname !== '/link/') return false;
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!this.#tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws));
    return true;
  }

  #onConnection(ws: WebSocket): void {
    this.#open.add(ws);
    ws.on('close', () => this.#open.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.#onMessage(data);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.#open.size,
        debug_info: { host: DEBUG_HOST, build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.#appId },
      }),
    );
    this.#connections.add(ws);
  }

  #onMessage(data: RawData): void {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (!isRecord(message) || typeof message.envelope_id !== 'string') return;
    const record = this.#envelopes.find((envelope) => envelope.envelope_id === message.envelope_id);
    if (record) {
      record.acked = true;
      record.ack = message.payload;
      record.ackedAt = Date.now();
    }
    const pending = this.#pending.get(message.envelope_id);
    if (pending) {
      this.#pending.delete(message.envelope_id);
      clearTimeout(pending.timer);
      pending.resolve(message.payload);
    }
  }

  count(): number {
    return this.#open.size;
  }

  /** Resolves once a client is connected and has been sent `hello`. */
  async connected(timeoutMs: number): Promise<void> {
    await this.#connections.waitFor(
      (ws) => this.#open.has(ws),
      timeoutMs,
      () => `no Socket Mode client connected within ${timeoutMs} ms`,
    );
  }

  /** Sends an envelope to the newest connection; resolves with the ack's `payload`. */
  send(type: EnvelopeType, payload: unknown, options: EnvelopeOptions = {}): Promise<unknown> {
    const ws = [...this.#open].at(-1);
    if (!ws)
      return Promise.reject(new Error(`cannot send ${type} envelope: no Socket Mode client is connected`));
    const timeoutMs = options.timeoutMs ?? 5000;
    const envelopeId = randomUUID();
    const isRetriable = type === 'events_api' || options.retryAttempt !== undefined;
    const envelope = {
      envelope_id: envelopeId,
      type,
      accepts_response_payload:
        options.acceptsResponsePayload ?? defaultAcceptsResponsePayload(type, payload),
      ...(isRetriable
        ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' }
        : {}),
      payload,
    };
    this.#envelopes.push({ envelope_id: envelopeId, type, payload, sentAt: Date.now(), acked: false });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(envelopeId);
        reject(new Error(`no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(envelopeId, { resolve, reject, timer });
      ws.send(JSON.stringify(envelope), (error) => {
        if (!error) return;
        clearTimeout(timer);
        this.#pending.delete(envelopeId);
        reject(error);
      });
    });
  }

  envelopes(): EnvelopeRecord[] {
    return [...this.#envelopes];
  }

  clearEnvelopes(): void {
    this.#envelopes.length = 0;
  }

  /** Sends `{ type: 'disconnect', reason }` to every connection and waits (up to 2 s) for the clients to close them. */
  async disconnect(reason: string): Promise<void> {
    const sockets = [...this.#open];
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              ws.terminate();
              resolve();
            }, 2000);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: DEBUG_HOST } }));
          }),
      ),
    );
  }

  /** Closes every connection with a close handshake (terminating it after 250 ms) and fails pending acks. */
  async close(): Promise<void> {
    for (const [envelopeId, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`stand-in closed before envelope ${envelopeId} was acked`));
    }
    this.#pending.clear();
    this.#connections.rejectWaiters('stand-in closed while waiting for a Socket Mode connection');
    await Promise.all([...this.#open].map((ws) => closeGracefully(ws, 250)));
    this.#open.clear();
    this.#wss.close();
  }
}

function defaultAcceptsResponsePayload(type: EnvelopeType, payload: unknown): boolean {
  if (type === 'events_api') return false;
  if (type === 'interactive' && isRecord(payload) && payload.type === 'block_actions') return false;
  return true;
}

function closeGracefully(ws: WebSocket, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, timeoutMs);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (ws.readyState === ws.OPEN) ws.close(1001, 'stand-in closing');
  });
}
