import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, ReceiverEvent } from '@slack/bolt';

/** The kinds of request Slack waits 3 s for an ack to. */
export const ackKinds = ['command', 'action', 'view', 'event', 'options', 'shortcut'] as const;
export type AckKind = (typeof ackKinds)[number];

/** The kind of a request body as Bolt receives it, or undefined for anything else. */
export function ackKindOf(body: Record<string, unknown>): AckKind | undefined {
  if (typeof body.command === 'string') return 'command';
  switch (body.type) {
    case 'event_callback':
      return 'event';
    case 'block_actions':
    case 'interactive_message':
    case 'dialog_submission':
      return 'action';
    case 'view_submission':
    case 'view_closed':
      return 'view';
    case 'block_suggestion':
    case 'dialog_suggestion':
      return 'options';
    case 'shortcut':
    case 'message_action':
      return 'shortcut';
    default:
      return undefined;
  }
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** The custom property that carries an HTTP request's arrival to `processEvent`; taken off again there. */
const receivedAtProperty = 'rallyReceivedAt';

/**
 * Times each ack Rally gives Slack: from when Rally's HTTP server received the request (HTTP mode), or from
 * when the Socket Mode receiver handed the envelope to Bolt, to when Bolt's `ack` (or Bolt itself, for
 * events) has written the response.
 */
export class AckClock {
  readonly #arrivals = new WeakMap<IncomingMessage, number>();
  readonly #observe: (kind: AckKind, seconds: number) => void;

  constructor(observe: (kind: AckKind, seconds: number) => void) {
    this.#observe = observe;
  }

  /** Wraps the HTTP receiver's listener so that each request's arrival is noted before Bolt reads it. */
  listen(listener: Listener): Listener {
    return (req, res) => {
      this.#arrivals.set(req, performance.now());
      listener(req, res);
    };
  }

  /** For `HTTPReceiver`'s `customPropertiesExtractor`: hands the arrival noted by {@link listen} to Bolt. */
  readonly customProperties = (req: IncomingMessage): Record<string, number> => {
    const at = this.#arrivals.get(req);
    return at === undefined ? {} : { [receivedAtProperty]: at };
  };

  /** Makes every event `app` processes time its ack. */
  attach(app: App): void {
    const processEvent = app.processEvent.bind(app);
    app.processEvent = (event) => processEvent(this.#timed(event));
  }

  #timed(event: ReceiverEvent): ReceiverEvent {
    const { [receivedAtProperty]: at, ...customProperties } = event.customProperties ?? {};
    const receivedAt = typeof at === 'number' ? at : performance.now();
    const kind = ackKindOf(event.body);
    if (kind === undefined) return { ...event, customProperties };
    let acked = false;
    return {
      ...event,
      customProperties,
      ack: async (response) => {
        await event.ack(response);
        if (acked) return;
        acked = true;
        this.#observe(kind, (performance.now() - receivedAt) / 1000);
      },
    };
  }
}
