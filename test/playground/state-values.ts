/** `view.state.values` built from what the page entered in a modal, the way Slack builds it. */
import { instantFromWallClock } from '../../src/time/zones.js';
import type { ViewStateValues } from '../support/slack/index.js';
import { type Obj, optionsOf } from './block-json.js';

/** `YYYY-MM-DDTHH:mm` read in `timeZone` → Unix seconds. */
export function zonedToEpoch(local: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = { year: y, month: mo, day: d, hour: h, minute: mi, second: 0, millisecond: 0 };
  return instantFromWallClock(wall, timeZone) / 1000;
}

/** What the page sends for one form element. */
export interface RawInput {
  value?: string | null;
  values?: string[];
}

/** `view.state.values` the way Slack builds it from the elements of the view and what was entered. */
export function buildStateValues(
  blocks: unknown,
  raw: Record<string, Record<string, RawInput>>,
  timeZone: string,
): ViewStateValues {
  const values: ViewStateValues = {};
  if (!Array.isArray(blocks)) return values;
  for (const block of blocks as Obj[]) {
    const blockId = typeof block.block_id === 'string' ? block.block_id : '';
    const elements =
      block.type === 'input' ? [block.element] : block.type === 'actions' ? block.elements : [];
    for (const element of (Array.isArray(elements) ? elements : []) as Obj[]) {
      if (!element || typeof element.action_id !== 'string') continue;
      const type = String(element.type);
      const input = raw[blockId]?.[element.action_id] ?? {};
      const text = input.value ?? null;
      const find = (value: string | null | undefined) =>
        value ? (optionsOf(element).find((o) => o.value === value) ?? null) : null;
      let state: Obj | undefined;
      switch (type) {
        case 'plain_text_input':
        case 'number_input':
        case 'email_text_input':
        case 'url_text_input':
          state = { type, value: text === '' ? null : text };
          break;
        case 'radio_buttons':
        case 'static_select':
          state = { type, selected_option: find(text ?? input.values?.[0]) };
          break;
        case 'checkboxes':
        case 'multi_static_select':
          state = {
            type,
            selected_options: (input.values ?? []).map((v) => find(v)).filter((o): o is Obj => o !== null),
          };
          break;
        case 'datetimepicker':
          state = { type, selected_date_time: text ? zonedToEpoch(text, timeZone) : null };
          break;
        case 'datepicker':
          state = { type, selected_date: text || null };
          break;
        case 'timepicker':
          state = { type, selected_time: text || null, timezone: timeZone };
          break;
        default:
          state = undefined;
      }
      if (!state) continue;
      values[blockId] ??= {};
      const forBlock = values[blockId];
      if (forBlock) forBlock[element.action_id] = state;
    }
  }
  return values;
}
