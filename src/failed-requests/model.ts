import type { requestQueues } from '../queues/contracts.js';

/** A job that does something a person asked for (see `requestQueues`). */
export type RequestQueue = (typeof requestQueues)[number];

/** Where the person who asked can be told, as the failed job knew it. */
export interface RequesterAddress {
  userId?: string;
  responseUrl?: string;
  /** The modal they asked from (the Home tab has no response_url). */
  viewId?: string;
  /** A reminder, whose job carries only its ID: its creator is read from its record. */
  reminderId?: string;
  /** False when a direct message would say too much (see `delivery/notify.ts`). */
  directMessage: boolean;
}
