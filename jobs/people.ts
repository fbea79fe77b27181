import { deliveryIds } from '../src/delivery/delivery-ids.js';
import { forgetAndTell } from '../src/people/forget-and-tell.js';
import type { Processor } from './processor.js';

/** `forget`: remove what Rally holds under the person, then tell them privately what went. */
export const processForget: Processor<'forget'> = (data, deps) =>
  forgetAndTell(deps, data, deliveryIds.notice(deps.runId));
