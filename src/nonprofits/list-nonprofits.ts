import type { MessageContent } from '../slack/blocks/messages.js';
import { buildNonprofitList } from './blocks/nonprofit-list.js';
import type { NonprofitStore } from './store.js';

/** `/rally nonprofits` (organizers): the list, with Remove on each and Add while there is room. */
export async function listNonprofits(deps: { nonprofits: NonprofitStore }): Promise<MessageContent> {
  return buildNonprofitList(await deps.nonprofits.list(), deps.nonprofits.max);
}
