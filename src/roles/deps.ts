import type { WebClient } from '@slack/web-api';
import type { OrganizerStore } from './organizer-store.js';
import type { Roles } from './roles.js';

/** What the organizers' use cases need. */
export interface RoleDeps {
  roles: Roles;
  organizers: OrganizerStore;
  /** Asks Slack who a person picked is (a bot, someone from another organization...). */
  slack: WebClient;
}
