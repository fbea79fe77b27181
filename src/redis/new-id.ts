import { randomBytes } from 'node:crypto';

/**
 * A new random ID for something Rally stores (a poll, an event, a letter...): URL-safe and with no `:`, so
 * it can name Redis keys and BullMQ jobs. `prefix` tells kinds apart where IDs share a namespace.
 */
export const newRecordId = (prefix = '', bytes = 9): string =>
  `${prefix}${randomBytes(bytes).toString('base64url')}`;
