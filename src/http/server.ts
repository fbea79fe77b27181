import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { isFreshRequestTimestamp } from '../slack/request-age.js';
import { type HealthCheck, respondWithHealth } from './health.js';
import { privacyPath, readPrivacyDocument } from './privacy-page.js';

export const healthPath = '/healthz';
export const metricsPath = '/metrics';
export const slackEventsPath = '/slack/events';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpServerOptions {
  port: number;
  health: HealthCheck;
  /** Rally's metrics registry (`GET /metrics`, Prometheus text format). */
  metrics: { readonly contentType: string; metrics(): Promise<string> };
  logger: Logger;
  /** Bolt's HTTP receiver, for Slack's requests; absent in Socket Mode and for ROLE=worker. */
  slackListener?: RequestListener;
  /**
   * An event's `.ics` file (`GET /events/<id>.ics`, optionally `?place=<code>`); undefined when Rally holds
   * no such event.
   */
  calendar?: (eventId: string, placeCode: string | undefined) => Promise<string | undefined>;
}

/** `GET /events/<id>.ics`: an event's calendar file, which calendars open or subscribe to. */
const calendarPath = /^\/events\/([A-Za-z0-9_-]{6,32})\.ics$/;

function answer(res: ServerResponse, status: number, body?: object): void {
  res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
  res.end(body ? JSON.stringify(body) : undefined);
}

/**
 * Rally's one HTTP server: `GET /healthz`, `GET /metrics`, `GET /privacy` (the privacy document) and, when
 * given, `GET /events/<id>.ics` always,
 * `POST /slack/events` when this process answers Slack (events, slash commands and interactivity alike).
 * Resolves once listening.
 */
export async function startHttpServer({
  port,
  health,
  metrics,
  logger,
  slackListener,
  calendar,
}: HttpServerOptions): Promise<Server> {
  const privacyDocument = readPrivacyDocument();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === privacyPath && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(privacyDocument);
      return;
    }
    const calendarMatch = calendar && req.method === 'GET' ? calendarPath.exec(path ?? '') : null;
    if (calendar && calendarMatch?.[1]) {
      const code = new URL(req.url ?? '/', 'http://rally').searchParams.get('place') ?? undefined;
      calendar(calendarMatch[1], code).then(
        (file) => {
          if (file === undefined) return answer(res, 404, { error: 'not found' });
          res.writeHead(200, {
            'content-type': 'text/calendar; charset=utf-8',
            'content-disposition': 'attachment; filename="event.ics"',
            'cache-control': 'no-cache',
          });
          res.end(file);
        },
        (err: unknown) => {
          logger.error({ err }, 'calendar file failed');
          answer(res, 500);
        },
      );
      return;
    }
    if (path === healthPath && req.method === 'GET') {
      respondWithHealth(res, health).catch((err: unknown) => {
        logger.error({ err }, 'health check failed');
        answer(res, 500);
      });
      return;
    }
    if (path === metricsPath && req.method === 'GET') {
      metrics.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
          res.end(text);
        },
        (err: unknown) => {
          logger.error({ err }, 'metrics collection failed');
          answer(res, 500);
        },
      );
      return;
    }
    if (path === slackEventsPath && req.method === 'POST' && slackListener) {
      if (!isFreshRequestTimestamp(req.headers['x-slack-request-timestamp'])) {
        logger.warn('request refused: missing, old or future X-Slack-Request-Timestamp');
        req.resume();
        answer(res, 401);
        return;
      }
      slackListener(req, res);
      return;
    }
    answer(res, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
