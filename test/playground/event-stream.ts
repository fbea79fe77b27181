/** The server-sent event stream: each open page gets the workspace snapshot again whenever it changes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../src/logger.js';
import type { PlaygroundState } from './playground-state.js';
import { snapshot } from './snapshot.js';

interface Client {
  res: ServerResponse;
  user: string;
  last: string;
}

export interface EventStream {
  /** Starts the stream for `user` on `res` and sends the current state. */
  open(req: IncomingMessage, res: ServerResponse, user: string): void;
  /** Sends the state to every page whose state changed. */
  push(): void;
  /** Ends every open stream. */
  closeAll(): void;
}

export function createEventStream(state: PlaygroundState, logger: Logger): EventStream {
  const clients = new Set<Client>();
  function push(): void {
    for (const client of clients) {
      try {
        const next = snapshot(state, client.user);
        if (next === client.last) continue;
        client.last = next;
        client.res.write(`event: state\ndata: ${next}\n\n`);
      } catch (err) {
        logger.error({ err }, 'playground could not render the workspace');
      }
    }
  }
  return {
    open(req, res, user) {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      const client: Client = { res, user, last: '' };
      clients.add(client);
      req.on('close', () => clients.delete(client));
      push();
    },
    push,
    closeAll() {
      for (const client of clients) client.res.end();
      clients.clear();
    },
  };
}
