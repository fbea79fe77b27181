import { requestRedraw } from '../src/delivery/redraw.js';
import { redrawPrompt } from '../src/donations/redraw-prompt.js';
import { redrawEventCopies } from '../src/events/redraw.js';
import { requestViewersRefresh } from '../src/home/publish-home.js';
import { redrawLetterCopies, redrawLetterCopy } from '../src/letters/redraw-copies.js';
import { redrawPoll } from '../src/polls/redraw-poll.js';
import type { Processor } from './processor.js';

/**
 * `message-refresh`: redraw a message that shows a tally; coalesced upstream (see `delivery/redraw.ts`). A
 * letter's and an event's counts are on recent viewers' Home tabs too, which are refreshed with its copies
 * (a counts-only event's only here, when the redraw clock takes its counts, never after one answer).
 */
export const processMessageRefresh: Processor<'message-refresh'> = async (data, deps) => {
  switch (data.target) {
    case 'letter':
      await redrawLetterCopies(deps, data.letterId);
      return requestViewersRefresh(deps);
    case 'poll':
      return redrawPoll(deps, data.pollId);
    case 'donation':
      return redrawPrompt(deps, data.promptId);
    case 'event':
      await redrawEventCopies(deps, data.eventId);
      return requestViewersRefresh(deps);
  }
};

/** `redraw-clock`: on the clock, redraw the anonymous tallies that changed by enough acts. */
export const processRedrawClock: Processor<'redraw-clock'> = async (_data, deps) => {
  for (const target of await deps.pendingRedraws.takeDue()) await requestRedraw(deps.queues, target, 0);
};

/** `copy-redraw`: one copy of a letter. */
export const processCopyRedraw: Processor<'copy-redraw'> = (data, deps) => redrawLetterCopy(deps, data);
