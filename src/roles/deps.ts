import type { WebClient } from '@slack/web-api';
import type { AuditDeps } from '../audit/record-action.js';
import type { OrganizerStore } from './organizer-store.js';
import type { Roles } from './roles.js';

/** What the organizers' use cases need; each change is recorded in the audit of organizers' actions. */
export interface RoleDeps extends AuditDeps {
  roles: Roles;
  organizers: OrganizerStore;
  /** Asks Slack who a person picked is (a bot, someone from another organization...). */
  slack: WebClient;
}
