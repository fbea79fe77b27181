import type { Campaign } from '../campaign/schema.js';
import type { Config } from '../config.js';
import type { PendingRedraws } from '../delivery/redraw-clock.js';
import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { Queues } from '../queues/queues.js';
import type { DonationStore } from './store.js';

/** What the donation prompts' use cases work with. */
export interface DonationDeps {
  donations: DonationStore;
  anonymousIds: AnonymousIds;
  queues: Queues;
  pendingRedraws: PendingRedraws;
  /** Its nonprofits are those of prompts posted before prompts kept their own list. */
  campaign: Campaign;
  config: Pick<Config, 'minAnonymous'>;
}
