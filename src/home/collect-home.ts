import type { WebClient } from '@slack/web-api';
import type { AuditLog } from '../audit/store.js';
import type { DigestScheduleDeps } from '../digests/stop-digest.js';
import type { DonationStore } from '../donations/store.js';
import type { LetterDeps } from '../letters/deps.js';
import type { Letter } from '../letters/model.js';
import { shownTally } from '../letters/redraw-copies.js';
import type { Logger } from '../logger.js';
import type { StoredPoll } from '../polls/model.js';
import type { PollStore } from '../polls/store.js';
import type { ReminderDeps } from '../reminders/cancel-reminder.js';
import type { OrganizerStore } from '../roles/organizer-store.js';
import type { Roles } from '../roles/roles.js';
import { listActiveSchedules } from '../schedules/list-active.js';
import { channelMembership } from '../slack/channel-membership.js';
import { classifySlackError } from '../slack/errors.js';
import type { HomeContent, HomeLetter, HomePoll, OrganizerHome } from './model.js';
import type { HomeStore, HomeViewer } from './store.js';

/** The newest open polls of a person's channels that the Home tab lists. */
export const homePollsShown = 10;

/** Channels whose membership one publication may ask Slack about (the answers are kept an hour). */
const membershipChecksPerPublish = 20;

/** The audit entries the organizers' Home tab shows, newest first. */
export const homeAuditShown = 10;

export type CollectHomeDeps = Pick<LetterDeps, 'letters' | 'signatures' | 'letterCopies'> &
  ReminderDeps &
  DigestScheduleDeps & {
    donations: DonationStore;
    polls: PollStore;
    audit: AuditLog;
    homes: HomeStore;
    slack: WebClient;
    logger: Logger;
    roles: Pick<Roles, 'isOrganizer' | 'isOwner' | 'listedOwners'>;
    organizers: OrganizerStore;
  };

/**
 * What one person's Home tab shows, read now: the open letters (counts as their copies show them, and
 * whether they signed with their name), the newest open polls in channels they are in, the reminders they
 * set; for organizers also every letter, the active schedules and the newest audit entries. It reads no
 * anonymous record: nothing it returns can tell how someone signed anonymously, voted or pledged.
 * `personHash` names the person in the Home tab's own records (see `publish-home.ts`); without it, their
 * memberships are asked of Slack and not kept (after `/rally forget me`).
 */
export async function collectHome(
  deps: CollectHomeDeps,
  viewer: HomeViewer,
  personHash?: string,
): Promise<HomeContent> {
  // The one place the Home tab asks for the role (a Redis failure fails the job, which is tried again).
  const organizer = await deps.roles.isOrganizer(viewer.userId);
  const letters = await deps.letters.list();
  const { polls, more } = await pollsOfTheirChannels(deps, viewer, personHash);
  const reminders = (await deps.reminders.listFor(viewer.userId, '')).filter(
    (r) => r.creator === viewer.userId,
  );
  return {
    userId: viewer.userId,
    letters: await openLetters(deps, letters, viewer.userId),
    polls,
    morePolls: more,
    reminders,
    ...(organizer ? { organizer: await organizerHome(deps, letters, viewer.userId) } : {}),
  };
}

async function openLetters(
  deps: CollectHomeDeps,
  letters: readonly Letter[],
  userId: string,
): Promise<HomeLetter[]> {
  const open = letters.filter((letter) => letter.status === 'open');
  return Promise.all(
    open.map(async (letter) => {
      // A named signature only: it is public by design, and found by user ID, never by a hash.
      const named = await deps.signatures.named(letter.id, userId);
      return {
        letter,
        tally: await shownTally(deps, letter),
        ...(named?.kind === 'named' ? { namedOn: named.day } : {}),
      };
    }),
  );
}

async function organizerHome(
  deps: CollectHomeDeps,
  letters: readonly Letter[],
  userId: string,
): Promise<OrganizerHome> {
  return {
    letters: await Promise.all(
      letters.map(async (letter) => ({ letter, tally: await shownTally(deps, letter) })),
    ),
    schedules: await listActiveSchedules(deps),
    audit: await deps.audit.page(0, homeAuditShown),
    roles: {
      listedOwners: deps.roles.listedOwners,
      organizers: await deps.organizers.list(),
      canChange: await deps.roles.isOwner(userId),
    },
  };
}

/**
 * The newest open polls posted in channels the person is in, with their links. Memberships come from Slack
 * (`conversations.members`), a few channels per publication, and are kept an hour under the person's hash.
 */
async function pollsOfTheirChannels(
  deps: CollectHomeDeps,
  viewer: HomeViewer,
  personHash: string | undefined,
): Promise<{ polls: HomePoll[]; more: boolean }> {
  const open = (await Promise.all((await deps.polls.openIds()).map((id) => deps.polls.get(id))))
    .filter((p): p is StoredPoll => !!p && !p.closed && !!p.ts && p.teamId === viewer.teamId)
    .sort((a, b) => b.createdAt - a.createdAt);
  const channels = [...new Set(open.map((p) => p.channel))];
  const known = personHash ? await deps.homes.memberships(personHash, channels) : new Map<string, boolean>();
  const learned = new Map<string, boolean>();
  const shown: StoredPoll[] = [];
  let more = false;
  for (const poll of open) {
    if (shown.length === homePollsShown) {
      more = true;
      break;
    }
    let member = known.get(poll.channel) ?? learned.get(poll.channel);
    if (member === undefined) {
      if (learned.size >= membershipChecksPerPublish) {
        more = true;
        break;
      }
      member = (await channelMembership(deps.slack, poll.channel, viewer.userId)) === 'member';
      learned.set(poll.channel, member);
    }
    if (member) shown.push(poll);
  }
  if (personHash) await deps.homes.keepMemberships(personHash, learned);
  const polls = await Promise.all(
    shown.map(async (poll): Promise<HomePoll> => {
      const permalink = await permalinkOf(deps, poll);
      return {
        id: poll.id,
        question: poll.question,
        channel: poll.channel,
        ...(poll.closesAt ? { closesAt: poll.closesAt } : {}),
        ...(permalink ? { permalink } : {}),
      };
    }),
  );
  return { polls, more };
}

/** A poll message's link (`chat.getPermalink`), asked once and kept; none when Slack refuses it for good. */
async function permalinkOf(deps: CollectHomeDeps, poll: StoredPoll): Promise<string | undefined> {
  const kept = await deps.homes.permalink(poll.id);
  if (kept || !poll.ts) return kept;
  try {
    const answer = await deps.slack.chat.getPermalink({ channel: poll.channel, message_ts: poll.ts });
    if (!answer.permalink) return undefined;
    await deps.homes.keepPermalink(poll.id, answer.permalink);
    return answer.permalink;
  } catch (err) {
    const failure = classifySlackError(err);
    if (failure.kind !== 'permanent') throw err;
    deps.logger.info({ reason: failure.reason }, 'no link to a poll for the Home tab');
    return undefined;
  }
}
