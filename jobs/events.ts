import { postAttendeeList } from '../src/events/attendees.js';
import { cancelEvent } from '../src/events/cancel-event.js';
import { announceEventChange } from '../src/events/change-event.js';
import { endEvent } from '../src/events/end-event.js';
import { notifyEventPerson } from '../src/events/notify-person.js';
import { redrawEventCopy } from '../src/events/redraw.js';
import { remindEvent } from '../src/events/remind-event.js';
import { requestViewersRefresh } from '../src/home/publish-home.js';
import { createAndPostEvent } from '../src/posting/post-event.js';
import type { Processor } from './processor.js';

/** `event-create`: read the times, store, schedule and post a requested event. */
export const processEventCreate: Processor<'event-create'> = (data, deps) =>
  createAndPostEvent(deps, data, deps.runId);

/** `event-remind`: a day or an hour before, one notice per person who asked. */
export const processEventRemind: Processor<'event-remind'> = (data, deps) => remindEvent(deps, data);

/** `event-notice`: one person's private notice about an event. */
export const processEventNotice: Processor<'event-notice'> = (data, deps) => notifyEventPerson(deps, data);

/**
 * `event-change`: after an edit, redraw, post in the threads, tell the people who asked for reminders; recent
 * viewers' Home tabs show the change.
 */
export const processEventChange: Processor<'event-change'> = async (data, deps) => {
  await announceEventChange(deps, data, deps.runId);
  await requestViewersRefresh(deps);
};

/** `event-cancel`: stop answers, say so everywhere, tell people, erase; it leaves recent viewers' Home tabs. */
export const processEventCancel: Processor<'event-cancel'> = async (data, deps) => {
  await cancelEvent(deps, data, deps.runId);
  await requestViewersRefresh(deps);
};

/** `event-end`: answers close at the end; a counts-only event's key goes; it leaves recent viewers' Home tabs. */
export const processEventEnd: Processor<'event-end'> = async (data, deps) => {
  await endEvent(deps, data);
  await requestViewersRefresh(deps);
};

/** `event-copy-redraw`: one copy of an event. */
export const processEventCopyRedraw: Processor<'event-copy-redraw'> = (data, deps) =>
  redrawEventCopy(deps, data);

/** `event-attendees`: the list of who is going, in a named event's thread. */
export const processEventAttendees: Processor<'event-attendees'> = (data, deps) =>
  postAttendeeList(deps, data, deps.runId);
