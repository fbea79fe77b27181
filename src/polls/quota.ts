import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.js';
import type { AnonymousIds } from '../privacy/anonymous-id.js';
import { isPollCreator } from './manage.js';
import type { PollStore } from './store.js';

/*
 * How many open polls one person started (`RALLY_MAX_OPEN_POLLS`), counted with no record of its own.
 *
 * Why not a counter per person, even under a keyed hash of them: it must go down when a poll closes, and
 * to find it then the poll would have to point at it. That pointer is a record of who started the poll:
 * it would put all of one person's polls, anonymous and public, under one code, and since a public poll
 * names its starter, a copy of Redis alone would then name the starter of their anonymous ones. Expiry
 * times or scores kept beside such a counter would give the same away by matching a poll's closing time.
 *
 * What Rally counts from instead: every poll already records who started it, so that they can close it,
 * the user ID in a public poll, and in an anonymous one a code under the poll's own random key
 * (`voter.ts`), which nobody can recompute once that key is deleted at close. Among the polls still open
 * (`polls:open`, a set of poll IDs and nothing else, which a poll leaves as it closes) Rally counts those
 * whose starter is this person, checked as for **Close poll**. Nothing about who started what is added,
 * and a closed poll stops counting by itself. What whoever runs Rally could learn is unchanged: while a
 * poll is open, whether a given person started it, by recomputing their code; after it closes, nothing.
 *
 * The count is checked when the poll is requested, to answer at once, and again by the job that stores
 * the poll, under a short lock per person (named by a code of the person, never their ID, and deleted
 * as soon as the poll is stored), so that two polls requested at once cannot both take the last place.
 */

export type PollQuotaDeps = {
  polls: PollStore;
  anonymousIds: AnonymousIds;
  config: Pick<Config, 'maxOpenPolls'>;
};

/** How long the lock may be held, and how long a second request waits for it before its job retries. */
const lockMs = 30_000;
const lockWaitMs = 10_000;

/** Why a person cannot start another poll: how many they have open, the most, and how to make room. */
export const tooManyPolls = (open: number): string =>
  `You have ${open} open polls, the most Rally keeps open for one person. Close one with the Close poll button on it, then try again.`;

/** How many of the polls still open `userId` started (see above: read from what the polls hold). */
export async function openPollsStartedBy(
  deps: Omit<PollQuotaDeps, 'config'>,
  teamId: string,
  userId: string,
): Promise<number> {
  const ids = await deps.polls.openIds();
  const polls = await Promise.all(ids.map((id) => deps.polls.get(id)));
  await deps.polls.dropOpen(ids.filter((_, i) => polls[i] === undefined));
  const started = await Promise.all(
    polls.map(
      async (poll) =>
        poll !== undefined &&
        !poll.closed &&
        poll.teamId === teamId &&
        (await isPollCreator(deps, poll, userId)),
    ),
  );
  return started.filter(Boolean).length;
}

/** Why `userId` may not start another poll now, or undefined when they may. */
export async function pollQuotaProblem(
  deps: PollQuotaDeps,
  teamId: string,
  userId: string,
): Promise<string | undefined> {
  const open = await openPollsStartedBy(deps, teamId, userId);
  return open >= deps.config.maxOpenPolls ? tooManyPolls(open) : undefined;
}

/**
 * Runs `store` (which counts and stores one person's new poll) under that person's lock, waiting for
 * it while another of their polls is being stored; throws when it stays taken (the job is retried).
 */
export async function underCreationLock<T>(
  deps: Omit<PollQuotaDeps, 'config'>,
  teamId: string,
  userId: string,
  store: () => Promise<T>,
): Promise<T> {
  const holder = deps.anonymousIds.of('poll-quota', teamId, userId);
  const token = randomBytes(9).toString('base64url');
  const deadline = Date.now() + lockWaitMs;
  while (!(await deps.polls.lockCreation(holder, token, lockMs))) {
    if (Date.now() > deadline) throw new Error('another poll of the same person is being stored');
    await sleep(50);
  }
  try {
    return await store();
  } finally {
    await deps.polls.unlockCreation(holder, token);
  }
}
