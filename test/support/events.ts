import { expect } from 'vitest';
import type { StoredEvent } from '../../src/events/model.js';
import { eventActions } from '../../src/slack/ids.js';
import type { Harness } from './rally.js';
import { CHANNELS, USERS } from './slack/index.js';

/** A posted copy of an event as the stand-in holds it. */
export interface PostedEvent {
  event: StoredEvent;
  channel: string;
  ts: string;
}

/** The event ID a posted event message carries on its Going button. */
function eventIdOf(blocks: unknown): string | undefined {
  const text = JSON.stringify(blocks ?? []);
  const match = new RegExp(
    `"action_id":"${eventActions.going}","text":[^}]*},"value":"([A-Za-z0-9_-]+)"`,
  ).exec(text);
  return match?.[1];
}

/** The event messages Rally posted in a channel, newest last. */
export function eventMessages(h: Harness, channel: string) {
  return h.standIn.messages(channel).filter((m) => !m.thread_ts && eventIdOf(m.blocks) !== undefined);
}

/**
 * Types `/rally event <text>` as `user` in `channel` and waits for the event to be posted there (or in
 * `postedIn`); returns the event as stored and its copy.
 */
export async function createEventByCommand(
  h: Harness,
  text: string,
  options: { user?: string; channel?: string; postedIn?: string } = {},
): Promise<PostedEvent> {
  const channel = options.channel ?? CHANNELS.general;
  const postedIn = options.postedIn ?? channel;
  const before = eventMessages(h, postedIn).length;
  const res = await h.slack.command(`event ${text}`, { user: options.user ?? USERS.alice, channel });
  expect(res.status).toBe(200);
  expect(JSON.stringify(res.json)).toContain('Posting the event');
  await expect.poll(() => eventMessages(h, postedIn).length, { timeout: 15_000 }).toBeGreaterThan(before);
  const message = eventMessages(h, postedIn).at(-1);
  const id = eventIdOf(message?.blocks) ?? '';
  await expect
    .poll(async () => (await h.rally.ctx.events.copies(id)).length, { timeout: 10_000 })
    .toBeGreaterThan(0);
  const event = (await h.rally.ctx.events.get(id)) as StoredEvent;
  return { event, channel: postedIn, ts: message?.ts ?? '' };
}

const answerActions = {
  going: eventActions.going,
  maybe: eventActions.maybe,
  cant: eventActions.cant,
} as const;

/** A person presses Going, Maybe or Can't go on a copy; resolves with the private confirmation's text. */
export async function press(
  h: Harness,
  copy: PostedEvent,
  user: string,
  answer: keyof typeof answerActions,
): Promise<string> {
  const res = await h.slack.action({
    actionId: answerActions[answer],
    // As the button carries it (also on a copy redrawn without buttons, as a client not yet refreshed shows).
    value: copy.event.id,
    user,
    channel: copy.channel,
    messageTs: copy.ts,
  });
  expect(res.status).toBe(200);
  const id = String(res.sent.response_url).split('/').pop();
  const reply = await h.standIn.waitForResponse((r) => r.id === id, 10_000);
  return String((reply.body as { text?: string }).text ?? '');
}

/** The copy's message as it is now in the channel, as text (its blocks). */
export const shownOn = (h: Harness, copy: { channel: string; ts: string }): string =>
  JSON.stringify(h.standIn.message(copy.channel, copy.ts)?.blocks ?? []);
