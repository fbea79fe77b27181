import type { Config } from '../config.js';
import { eventFormBlocks } from '../slack/ids.js';
import type { AnswerMode, PlaceFor } from './model.js';
import { checkEventDraft, type EventDraft, type EventField } from './validate.js';

/** The event form as submitted and checked: its words and settings, and its times still as words. */
export interface EventFormInput {
  draft: EventDraft;
  startWords: string;
  endWords: string;
  /** Channels picked in the form (creating only). */
  channels: string[];
}

export type EventFormResult =
  | { ok: true; input: EventFormInput }
  | { ok: false; errors: Record<string, string> };

type Values = Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;

const fieldBlocks: Record<EventField, string> = {
  title: eventFormBlocks.title,
  description: eventFormBlocks.description,
  place: eventFormBlocks.place,
  capacity: eventFormBlocks.capacity,
};

const element = (values: Values, id: string) => values[id]?.[id];
const text = (values: Values, id: string): string => {
  const value = element(values, id)?.value;
  return typeof value === 'string' ? value : '';
};

/**
 * Reads the submitted event form (creating, or editing, whose form has no capacity, answers or channels)
 * and checks it; errors are keyed by block, one per block, as `response_action: 'errors'` wants them.
 */
export function readEventForm(values: Values, config: Pick<Config, 'minAnonymous'>): EventFormResult {
  const errors: Record<string, string> = {};
  const capacityText = text(values, eventFormBlocks.capacity).trim();
  const capacity = capacityText ? Number(capacityText.replace(/[,\s]/g, '')) : undefined;
  const selected = element(values, eventFormBlocks.placeFor)?.selected_options;
  const placeFor: PlaceFor =
    Array.isArray(selected) && selected.some((o) => (o as { value?: unknown }).value === 'going')
      ? 'going'
      : 'everyone';
  const modeValue = (element(values, eventFormBlocks.answers)?.selected_option as { value?: unknown } | null)
    ?.value;
  const mode: AnswerMode = modeValue === 'counts' ? 'counts' : 'named';
  const checked = checkEventDraft(
    {
      title: text(values, eventFormBlocks.title),
      description: text(values, eventFormBlocks.description),
      place: text(values, eventFormBlocks.place),
      placeFor,
      capacity,
      mode,
    },
    config,
  );
  if (!checked.ok) for (const issue of checked.issues) errors[fieldBlocks[issue.field]] ??= issue.message;
  const startWords = text(values, eventFormBlocks.starts).replace(/\s+/g, ' ').trim();
  if (!startWords) errors[eventFormBlocks.starts] = 'Say when it starts, as in "friday 12:00".';
  const picked = element(values, eventFormBlocks.channels)?.selected_conversations;
  const channels = Array.isArray(picked)
    ? picked.filter((id): id is string => typeof id === 'string' && /^[CG][A-Z0-9]+$/.test(id))
    : [];
  if (!checked.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      draft: checked.draft,
      startWords,
      endWords: text(values, eventFormBlocks.ends).replace(/\s+/g, ' ').trim(),
      channels,
    },
  };
}
