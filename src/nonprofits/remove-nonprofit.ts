import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import type { MessageContent } from '../slack/blocks/messages.js';
import { escapeMrkdwn } from '../slack/blocks/mrkdwn.js';
import { buildNonprofitList } from './blocks/nonprofit-list.js';
import { nonprofitIdPattern } from './model.js';
import type { NonprofitStore } from './store.js';

/**
 * **Remove** on `/rally nonprofits` (organizers): takes the nonprofit off the list at once, without asking,
 * and answers with the list as it is now, led by what happened. Prompts already posted keep their own
 * copy of the list, so their buttons, counts and pledges do not change.
 */
export async function removeNonprofit(
  deps: { nonprofits: NonprofitStore } & AuditDeps,
  nonprofitId: string | undefined,
  actor: string,
): Promise<MessageContent> {
  const removed =
    nonprofitId && nonprofitIdPattern.test(nonprofitId)
      ? await deps.nonprofits.remove(nonprofitId)
      : undefined;
  if (removed)
    await recordOrganizerAction(deps, { actor, action: 'removed-nonprofit', subject: removed.name });
  const note = removed
    ? `:white_check_mark: *${escapeMrkdwn(removed.name)}* was removed. New donation prompts will not list it; prompts already posted keep it, with their counts.`
    : 'That nonprofit was already removed.';
  return buildNonprofitList(await deps.nonprofits.list(), deps.nonprofits.max, note);
}
