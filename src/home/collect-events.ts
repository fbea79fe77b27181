import type { EventListItem } from '../events/blocks/event-list.js';
import { upcomingEvents } from '../events/list-events.js';
import type { EventCopy } from '../events/model.js';
import type { EventStore } from '../events/store.js';
import type { ChannelMembers } from './channel-members.js';
import type { HomeEvent } from './model.js';
import { type PermalinkDeps, permalinkOf } from './permalinks.js';

/** The soonest upcoming events the Home tab lists. */
export const homeEventsShown = 10;

export type HomeEventsDeps = PermalinkDeps & { events: EventStore };

/** An upcoming event with its counts as drawn and its posted copies. */
export interface UpcomingEvent {
  item: EventListItem;
  copies: EventCopy[];
}

/** The open events of the workspace still ahead (or under way), soonest first, with their copies. */
export async function upcomingOfTeam(deps: HomeEventsDeps, teamId: string): Promise<UpcomingEvent[]> {
  const upcoming = (await upcomingEvents(deps)).filter((item) => item.event.teamId === teamId);
  return Promise.all(
    upcoming.map(async (item) => ({ item, copies: await deps.events.copies(item.event.id) })),
  );
}

/**
 * The soonest upcoming events with a copy in a channel the person is in, and the named events they answered
 * (by user ID: public by design), each linked to a copy. A counts-only event's answers are never read here,
 * so its entry is the same whether the person answered it or not. Channels whose membership is unknown once
 * the budget is spent leave the rest out, as the polls do.
 */
export async function eventsForHome(
  deps: HomeEventsDeps,
  upcoming: readonly UpcomingEvent[],
  members: ChannelMembers,
  userId: string,
): Promise<{ events: HomeEvent[]; more: boolean }> {
  const shown: { item: EventListItem; copy: EventCopy | undefined; namedAnswer?: EventListItem['answer'] }[] =
    [];
  let more = false;
  for (const { item, copies } of upcoming) {
    if (shown.length === homeEventsShown) {
      more = true;
      break;
    }
    const namedAnswer =
      item.event.mode === 'named' ? await deps.events.answerOf(item.event.id, userId) : undefined;
    if (namedAnswer) {
      const copy = copies.find((c) => members.known(c.channel)) ?? copies[0];
      shown.push({ item, copy, namedAnswer });
      continue;
    }
    const found = await copyInTheirChannels(copies, members);
    if (found === 'unknown') {
      more = true;
      break;
    }
    if (found) shown.push({ item, copy: found });
  }
  const events = await Promise.all(
    shown.map(async ({ item, copy, namedAnswer }): Promise<HomeEvent> => {
      const { event, counts } = item;
      const permalink = copy ? await permalinkOf(deps, `event:${event.id}:${copy.channel}`, copy) : undefined;
      return {
        // A place kept for people going is never on the published tab, even theirs.
        event: { ...event, place: event.placeFor === 'everyone' ? event.place : '' },
        counts,
        ...(copy ? { channel: copy.channel } : {}),
        ...(permalink ? { permalink } : {}),
        ...(namedAnswer ? { namedAnswer } : {}),
      };
    }),
  );
  return { events, more };
}

/** The first copy in a channel the person is in; `unknown` when the budget ran out before one was found. */
async function copyInTheirChannels(
  copies: readonly EventCopy[],
  members: ChannelMembers,
): Promise<EventCopy | undefined | 'unknown'> {
  let unknown = false;
  for (const copy of copies) {
    const member = await members.isMember(copy.channel);
    if (member) return copy;
    if (member === undefined) unknown = true;
  }
  return unknown ? 'unknown' : undefined;
}
