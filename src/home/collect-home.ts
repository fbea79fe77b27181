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
import { ChannelMembers } from './channel-members.js';
import { eventsForHome, type HomeEventsDeps, upcomingOfTeam } from './collect-events.js';
import type { HomeContent, HomeLetter, HomePoll, OrganizerHome } from './model.js';
import { permalinkOf } from './permalinks.js';
import type { HomeStore, HomeViewer } from './store.js';

/** The newest open polls of a person's channels that the Home tab lists. */
export const homePollsShown = 10;

/** The audit entries the organizers' Home tab shows, newest first. */
export const homeAuditShown = 10;

export type CollectHomeDeps = Pick<LetterDeps, 'letters' | 'signatures' | 'letterCopies'> &
  ReminderDeps &
  DigestScheduleDeps &
  HomeEventsDeps & {
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
 * whether they signed with their name), the newest open polls and the soonest upcoming events of channels
 * they are in (and the named events they answered), the reminders they set; for organizers also every
 * letter, the active schedules and the newest audit entries. It reads no anonymous record: nothing it
 * returns can tell how someone signed anonymously, voted, pledged or answered a counts-only event.
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
  // Polls and events share one membership budget and record; polls ask first.
  const openPolls = await openPollsOfTeam(deps, viewer.teamId);
  const upcoming = await upcomingOfTeam(deps, viewer.teamId);
  const members = await ChannelMembers.load(deps, viewer, personHash, [
    ...openPolls.map((p) => p.channel),
    ...upcoming.flatMap((e) => e.copies.map((c) => c.channel)),
  ]);
  const { polls, more } = await pollsOfTheirChannels(deps, openPolls, members);
  const events = await eventsForHome(deps, upcoming, members, viewer.userId);
  await members.keep();
  const reminders = (await deps.reminders.listFor(viewer.userId, '')).filter(
    (r) => r.creator === viewer.userId,
  );
  return {
    userId: viewer.userId,
    letters: await openLetters(deps, letters, viewer.userId),
    polls,
    morePolls: more,
    events: events.events,
    moreEvents: events.more,
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

/** The open polls of the person's workspace, newest first. */
async function openPollsOfTeam(deps: CollectHomeDeps, teamId: string): Promise<StoredPoll[]> {
  return (await Promise.all((await deps.polls.openIds()).map((id) => deps.polls.get(id))))
    .filter((p): p is StoredPoll => !!p && !p.closed && !!p.ts && p.teamId === teamId)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** The newest open polls posted in channels the person is in, with their links. */
async function pollsOfTheirChannels(
  deps: CollectHomeDeps,
  open: readonly StoredPoll[],
  members: ChannelMembers,
): Promise<{ polls: HomePoll[]; more: boolean }> {
  const shown: StoredPoll[] = [];
  let more = false;
  for (const poll of open) {
    if (shown.length === homePollsShown) {
      more = true;
      break;
    }
    const member = await members.isMember(poll.channel);
    if (member === undefined) {
      more = true;
      break;
    }
    if (member) shown.push(poll);
  }
  const polls = await Promise.all(
    shown.map(async (poll): Promise<HomePoll> => {
      const permalink = poll.ts
        ? await permalinkOf(deps, poll.id, { channel: poll.channel, ts: poll.ts })
        : undefined;
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
