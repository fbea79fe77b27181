import type { Config } from '../config.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import type { PendingRedraws } from '../delivery/redraw-clock.js';
import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { SealedBox } from '../privacy/sealed-box.js';
import type { Queues } from '../queues/queues.js';
import type { EventStore } from './store.js';

/** What the events' use cases are built from (each takes only the part it uses). */
export interface EventDeps {
  events: EventStore;
  anonymousIds: AnonymousIds;
  seals: SealedBox;
  queues: Queues;
  pendingRedraws: PendingRedraws;
  config: Pick<Config, 'minAnonymous' | 'retentionDays' | 'publicUrl' | 'rallySecret'>;
}

/** What the events' jobs need besides: the delivery path. */
export type EventJobDeps = EventDeps &
  DeliveryDeps & { config: EventDeps['config'] & DeliveryDeps['config'] };
