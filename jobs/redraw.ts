import { redrawPrompt } from '../src/donations/redraw-prompt.js';
import { redrawLetterCopies } from '../src/letters/redraw-copies.js';
import { redrawPoll } from '../src/polls/redraw-poll.js';
import type { Processor } from './processor.js';

/** `message-refresh`: redraw a message that shows a tally; coalesced upstream (see `delivery/redraw.ts`). */
export const processMessageRefresh: Processor<'message-refresh'> = async (data, deps) => {
  switch (data.target) {
    case 'letter':
      return redrawLetterCopies(deps);
    case 'poll':
      return redrawPoll(deps, data.pollId);
    case 'donation':
      return redrawPrompt(deps, data.promptId);
  }
};
