import type { Config } from '../config.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { publishHomeView } from '../delivery/home-view.js';
import type { AnonymousIds } from '../privacy/anonymous-id.js';
import { dedupIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import type { Roles } from '../roles/roles.js';
import { buildHomeView } from './blocks/home.js';
import { type CollectHomeDeps, collectHome } from './collect-home.js';
import type { HomeStore, HomeViewer } from './store.js';

/**
 * Why a person's Home is published: they opened it (published unless it was within the last
 * `RALLY_HOME_REFRESH_SECONDS`: it is current, since every change since asked for its own publication),
 * they did something it shows, or something it shows everyone changed. The last two are published as soon
 * as that time since the last publication is up; `viewers` waits behind the first two.
 */
export type HomePublishReason = 'opened' | 'own' | 'viewers';

/**
 * Views Rally publishes per minute across the workspace: `views.publish` is a Tier 4 method (100+ a
 * minute), https://docs.slack.dev/reference/methods/views.publish. The worker of `home-publish` takes no
 * more; a 429 parks the job until Slack's `Retry-After`.
 */
export const homePublishLimit = { max: 100, duration: 60_000 } as const;

/** The priority of refreshes for recent viewers: openings and people's own acts go first (BullMQ: 0 first). */
const viewersPriority = 10;

export type HomeKeyDeps = { anonymousIds: AnonymousIds };

/** The keyed hash that names a person in the Home tab's records and deduplication ID, never their ID. */
export const homePersonHash = (deps: HomeKeyDeps, teamId: string, userId: string): string =>
  deps.anonymousIds.of('home', teamId, userId);

/** The deduplication ID of a person's Home tab publishing: a keyed hash, never their ID. */
export const homeDedupId = (deps: HomeKeyDeps, teamId: string, userId: string): string =>
  dedupIds.homePublish(homePersonHash(deps, teamId, userId));

export type RequestHomeDeps = HomeKeyDeps & {
  queues: Queues;
  homes: HomeStore;
  config: Pick<Config, 'homeRefreshMs' | 'homeViewersMs'>;
};

/**
 * Asks for a person's Home tab to be published by a job, coalesced per person: while one waits, asking again
 * changes nothing, and asking while one runs leaves one more to run after it, so the last one shows the last
 * state. Never sooner than `RALLY_HOME_REFRESH_SECONDS` after the last.
 */
export async function requestHomePublish(
  deps: RequestHomeDeps,
  teamId: string,
  userId: string,
  reason: HomePublishReason = 'opened',
): Promise<void> {
  const hash = homePersonHash(deps, teamId, userId);
  const last = await deps.homes.lastPublished(hash);
  if (reason === 'opened' && last !== undefined) return;
  const delay = last === undefined ? 0 : Math.max(0, last + deps.config.homeRefreshMs - Date.now());
  await deps.queues.enqueue(
    'home-publish',
    { teamId, userId },
    {
      delay,
      deduplication: { id: dedupIds.homePublish(hash), keepLastIfActive: true },
      ...(reason === 'viewers' ? { priority: viewersPriority } : {}),
    },
  );
}

/** Someone opened Rally's Home tab: they are a recent viewer now, and their Home is published by a job. */
export async function homeOpened(deps: RequestHomeDeps, teamId: string, userId: string): Promise<void> {
  const now = Date.now();
  await deps.homes.markOpened({ teamId, userId }, now, now - deps.config.homeViewersMs);
  // Channels may have been joined or left since: their memberships are read from Slack again.
  await deps.homes.dropMemberships(homePersonHash(deps, teamId, userId));
  await requestHomePublish(deps, teamId, userId, 'opened');
}

/**
 * A person did something their Home tab shows (signed with their name, set or cancelled a reminder...): it
 * is published again if they opened it recently; otherwise it is published when they next open it.
 */
export async function requestOwnHomeRefresh(
  deps: RequestHomeDeps,
  teamId: string,
  userId: string,
): Promise<void> {
  const since = Date.now() - deps.config.homeViewersMs;
  if ((await deps.homes.openedAt({ teamId, userId }, since)) === undefined) return;
  await requestHomePublish(deps, teamId, userId, 'own');
}

/**
 * Every recent viewer's Home tab, after something they all see changed, or only the organizers' after
 * something only organizers see changed: one coalesced job each. Returns how many were asked for.
 */
export async function refreshViewersHomes(
  deps: RequestHomeDeps & { roles: Pick<Roles, 'isOrganizer'> },
  audience: { organizers?: true } = {},
): Promise<number> {
  let asked = 0;
  for (const viewer of await deps.homes.viewersSince(Date.now() - deps.config.homeViewersMs)) {
    if (audience.organizers && !(await deps.roles.isOrganizer(viewer.userId))) continue;
    await requestHomePublish(deps, viewer.teamId, viewer.userId, 'viewers');
    asked++;
  }
  return asked;
}

/**
 * Asks for every recent viewer's Home tab to be refreshed, by one job that changes in the next second
 * share. It carries nothing; it reads the viewers when it runs.
 */
export async function requestViewersRefresh(deps: { queues: Queues }): Promise<void> {
  await deps.queues.enqueue(
    'home-refresh',
    {},
    { delay: 1_000, deduplication: { id: dedupIds.homeRefresh, keepLastIfActive: true } },
  );
}

/**
 * Asks for the Home tabs of the organizers among recent viewers to be refreshed, after an organizer's
 * action changed what only they see (a draft, a schedule, the audit, who organizes). One job, shared like
 * {@link requestViewersRefresh}'s.
 */
export async function requestOrganizersRefresh(deps: { queues: Queues }): Promise<void> {
  await deps.queues.enqueue(
    'home-refresh',
    { organizers: true },
    { delay: 1_000, deduplication: { id: dedupIds.organizersHomeRefresh, keepLastIfActive: true } },
  );
}

export type PublishHomeDeps = CollectHomeDeps &
  HomeKeyDeps &
  Pick<DeliveryDeps, 'slack'> & {
    config: Pick<Config, 'minAnonymous' | 'homeRefreshMs'>;
  };

/**
 * Publishes a person's Home tab with what it shows now. `mark: false` leaves no record about them: not
 * when it was published, not their channel memberships (after `/rally forget me`, which removed those).
 */
export async function publishHome(
  deps: PublishHomeDeps,
  viewer: HomeViewer,
  options: { mark: boolean } = { mark: true },
): Promise<void> {
  const hash = homePersonHash(deps, viewer.teamId, viewer.userId);
  // Marked before it is read, so that a change meanwhile asks for one more publication, after this one.
  if (options.mark) await deps.homes.markPublished(hash, Date.now(), deps.config.homeRefreshMs);
  const content = await collectHome(deps, viewer, options.mark ? hash : undefined);
  await publishHomeView(deps, viewer.userId, buildHomeView(content, deps.config));
}

/**
 * Forgets what the Home tab keeps about a person (`/rally forget me`): that they opened it, when it was
 * published, their memberships, and a publication still waiting. True when they were a recent viewer.
 */
export async function forgetHomeViewer(
  deps: HomeKeyDeps & { homes: HomeStore; queues: Queues },
  teamId: string,
  userId: string,
): Promise<boolean> {
  const hash = homePersonHash(deps, teamId, userId);
  await deps.queues.queue('home-publish').removeDeduplicationKey(dedupIds.homePublish(hash));
  return deps.homes.forget({ teamId, userId }, hash);
}
