import { deliveryIds } from '../src/delivery/delivery-ids.js';
import { tellRequesterItFailed } from '../src/failed-requests/tell-requester.js';
import type { Processor } from './processor.js';

/** `request-failed`: tell the person who asked that their request failed for good. */
export const processRequestFailed: Processor<'request-failed'> = (data, deps) =>
  tellRequesterItFailed(deps, data, deliveryIds.notice(deps.runId));
