import { z } from 'zod';
import { reminderFormBlocks } from '../slack/ids.js';

/** The reminder the form asks for: whom (`me` or a channel ID), what and when, as typed. */
export type ReminderFormResult =
  | { ok: true; target: { kind: 'me' } | { kind: 'channel'; channel: string }; text: string; when: string }
  | { ok: false; errors: Record<string, string> };

const field = (id: string, shape: z.ZodType) => z.looseObject({ [id]: shape }).optional();
const stateSchema = z.looseObject({
  [reminderFormBlocks.who]: field(
    reminderFormBlocks.who,
    z.looseObject({ selected_option: z.looseObject({ value: z.string() }).nullish() }),
  ),
  [reminderFormBlocks.channel]: field(
    reminderFormBlocks.channel,
    z.looseObject({ selected_conversation: z.string().nullish() }),
  ),
  [reminderFormBlocks.text]: field(reminderFormBlocks.text, z.looseObject({ value: z.string().nullish() })),
  [reminderFormBlocks.when]: field(reminderFormBlocks.when, z.looseObject({ value: z.string().nullish() })),
});

type State = z.infer<typeof stateSchema>;
const read = <T>(state: State, id: string): T | undefined =>
  (state[id] as Record<string, T> | undefined)?.[id];

/** Reads the **Remind…** form; errors are keyed by block, as `response_action: 'errors'` wants them. */
export function readReminderForm(values: unknown): ReminderFormResult {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success)
    return { ok: false, errors: { [reminderFormBlocks.text]: 'Say what to remind about.' } };
  const state = parsed.data;
  const who = read<{ selected_option?: { value: string } | null }>(state, reminderFormBlocks.who)
    ?.selected_option?.value;
  const channel = read<{ selected_conversation?: string | null }>(
    state,
    reminderFormBlocks.channel,
  )?.selected_conversation;
  const text = (read<{ value?: string | null }>(state, reminderFormBlocks.text)?.value ?? '').trim();
  const when = (read<{ value?: string | null }>(state, reminderFormBlocks.when)?.value ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const errors: Record<string, string> = {};
  const forChannel = who === 'channel';
  if (forChannel && !channel) errors[reminderFormBlocks.channel] = 'Pick the channel to remind.';
  if (forChannel && channel && !/^[CG][A-Z0-9]+$/.test(channel)) {
    errors[reminderFormBlocks.channel] = 'Pick a channel, not a direct message.';
  }
  if (!text) errors[reminderFormBlocks.text] = 'Say what to remind about.';
  if (!when)
    errors[reminderFormBlocks.when] = 'Say when, such as "tomorrow at 11:30" or "every monday at 9am".';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    target: forChannel && channel ? { kind: 'channel', channel } : { kind: 'me' },
    text,
    when,
  };
}
