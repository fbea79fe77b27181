import { requestViewersRefresh } from '../src/home/publish-home.js';
import { closePoll } from '../src/polls/close-poll.js';
import { nudgeVoters, remindNonVoter } from '../src/polls/nudge-voters.js';
import { postPoll } from '../src/polls/post-poll.js';
import { remindBeforeClose } from '../src/polls/remind-before-close.js';
import type { Processor } from './processor.js';

/** `poll-create`: store, post and schedule a requested poll; it shows on recent viewers' Home tabs. */
export const processPollCreate: Processor<'poll-create'> = async (data, deps) => {
  await postPoll(deps, data, deps.runId);
  await requestViewersRefresh(deps);
};

/** `poll-close`: close a poll at its time or early; it leaves recent viewers' Home tabs. */
export const processPollClose: Processor<'poll-close'> = async (data, deps) => {
  await closePoll(deps, data.pollId);
  await requestViewersRefresh(deps);
};

/** `poll-reminder`: an hour before closing, a reminder in the poll's thread. */
export const processPollReminder: Processor<'poll-reminder'> = (data, deps) =>
  remindBeforeClose(deps, data.pollId);

/** `poll-nudge`: remind the channel's members who have not voted. */
export const processPollNudge: Processor<'poll-nudge'> = (data, deps) => nudgeVoters(deps, data, deps.runId);

/** `nudge-dm`: one member's reminder in a public poll's nudge. */
export const processNudgeDm: Processor<'nudge-dm'> = (data, deps) => remindNonVoter(deps, data);
