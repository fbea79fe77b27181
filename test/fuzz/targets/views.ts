/**
 * Submitted forms: `view.state.values` in the shape Slack sends, with right and wrong values, and in
 * shapes it never sends (wrong types, nulls, missing or extra blocks, huge strings, prototype keys).
 */
import fc from 'fast-check';
import { amountBands } from '../../../src/donations/model.js';
import { readPledgeForm } from '../../../src/donations/pledge-form.js';
import { signFormFields, thresholdChoices } from '../../../src/letters/blocks/sign-modal.js';
import { readSignForm } from '../../../src/letters/sign-form.js';
import { readPollModal } from '../../../src/polls/read-modal.js';
import { donationBlocks, pollBlocks } from '../../../src/slack/ids.js';
import { huge, now, phrase } from '../arbitraries.js';
import { expectRefusal, expectThat, noThrow, textIssues } from '../checks.js';
import { type FuzzTarget, fuzzTarget } from '../run.js';
import { expectValidPoll } from './expect-poll.js';

type StateValues = Record<string, Record<string, unknown>>;

const prototypeKeys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

/** Any value where Slack puts a string, a number or an option. */
const wrongValue = fc.oneof(
  fc.constantFrom(null, '', 0, -1, 1e21, 1.5, true, false, [], {}, 'null', 'undefined', 'NaN'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(...prototypeKeys),
  huge,
);

/** A value as the right element would send it, or a wrong one. */
const option = (values: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { arbitrary: fc.record({ value: values }, { requiredKeys: [] }), weight: 4 },
    {
      arbitrary: fc.record({
        value: values,
        text: fc.record({ type: fc.constant('plain_text'), text: fc.string() }),
      }),
      weight: 1,
    },
    { arbitrary: wrongValue, weight: 1 },
  );

/** One element's state: the keys Slack sends for its type, or others, with right or wrong values. */
function elementState(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.record(fields, { requiredKeys: [] }), weight: 8 },
    { arbitrary: fc.record({ type: fc.string(), ...fields }, { requiredKeys: [] }), weight: 1 },
    { arbitrary: wrongValue, weight: 1 },
  );
}

/** `values[block][action]`: present or not, under its own action ID or another. */
function block(id: string, state: fc.Arbitrary<unknown>): fc.Arbitrary<[string, unknown][]> {
  return fc.oneof(
    { arbitrary: state.map((s): [string, unknown][] => [[id, { [id]: s }]]), weight: 8 },
    { arbitrary: fc.constant<[string, unknown][]>([]), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...prototypeKeys)), state)
        .map(([action, s]): [string, unknown][] => [[id, { [action]: s }]]),
      weight: 1,
    },
    { arbitrary: wrongValue.map((v): [string, unknown][] => [[id, v]]), weight: 1 },
  );
}

const extraBlocks = fc.array(
  fc.tuple(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...prototypeKeys)), wrongValue),
  { maxLength: 3 },
);

/**
 * `view.state.values` from blocks, passed through JSON as Bolt gets it (so `__proto__` is a plain key), and
 * now and then not an object at all.
 */
function stateValues(blocks: fc.Arbitrary<[string, unknown][]>[]): fc.Arbitrary<StateValues> {
  const built = fc
    .tuple(fc.tuple(...blocks), extraBlocks)
    .map(([known, extra]) => JSON.parse(JSON.stringify(Object.fromEntries([...known.flat(), ...extra]))));
  return fc.oneof(
    { arbitrary: built, weight: 20 },
    { arbitrary: wrongValue, weight: 1 },
  ) as fc.Arbitrary<StateValues>;
}

const text = fc.oneof({ arbitrary: phrase, weight: 6 }, wrongValue);
const optionLines = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        fc.array(fc.tuple(fc.constantFrom('', '- ', '* ', '• ', '  ', '-'), phrase), { maxLength: 13 }),
        fc.constantFrom('\n', '\r\n', '\n\n', '\r'),
      )
      .map(([lines, eol]) => lines.map(([bullet, line]) => `${bullet}${line}`).join(eol)),
    weight: 6,
  },
  wrongValue,
);
const settingValue = fc.oneof(
  { arbitrary: fc.constantFrom('anonymous', 'multiple', 'hidden'), weight: 6 },
  fc.constantFrom(...prototypeKeys),
  wrongValue,
);

/** The poll form's values, and `now`, with the closing time near it. */
const pollForm = now.chain((at) =>
  fc.tuple(
    fc.constant(at),
    stateValues([
      block(pollBlocks.question, elementState({ value: text })),
      block(pollBlocks.options, elementState({ value: optionLines })),
      block(
        pollBlocks.settings,
        elementState({
          selected_options: fc.oneof(
            { arbitrary: fc.array(option(settingValue), { maxLength: 5 }), weight: 6 },
            wrongValue,
          ),
        }),
      ),
      block(
        pollBlocks.closes,
        elementState({
          selected_date_time: fc.oneof(
            fc
              .integer({ min: -86_400, max: 400 * 86_400 })
              .map((shift) => Math.floor(at.getTime() / 1000) + shift),
            fc.constantFrom(0, 1, -1, 2 ** 31, 8.64e12, 8.64e15, Number.MAX_SAFE_INTEGER),
            wrongValue,
          ),
        }),
      ),
    ]),
  ),
);

const pollFormBlocks = new Set<string>([pollBlocks.question, pollBlocks.options, pollBlocks.closes]);

const pollModal = fuzzTarget(
  'readPollModal',
  'src/polls/read-modal.ts',
  fc.property(pollForm, ([at, values]) => {
    const result = noThrow(() => readPollModal(values, at), 'readPollModal');
    if (result.ok) {
      expectValidPoll(result.poll, at);
      return;
    }
    const entries = Object.entries(result.errors);
    expectThat(entries.length > 0, 'refused with no error');
    const input = JSON.stringify(values) ?? '';
    for (const [id, message] of entries) {
      expectThat(
        pollFormBlocks.has(id),
        `an error for block ${JSON.stringify(id)}, not an input of the form`,
      );
      expectRefusal(message, input, `the error for ${id}`);
    }
  }),
);

const signForm = fuzzTarget(
  'readSignForm',
  'src/letters/sign-form.ts',
  fc.property(
    stateValues([
      block(
        signFormFields.mode,
        elementState({
          selected_option: option(
            fc.oneof(
              { arbitrary: fc.constantFrom('named', 'anonymous', 'conditional'), weight: 6 },
              wrongValue,
            ),
          ),
        }),
      ),
      block(
        signFormFields.threshold,
        elementState({
          selected_option: option(
            fc.oneof(
              {
                arbitrary: fc.constantFrom(...thresholdChoices.map(String), '4', '0', '-5', '1e1', ' 5 '),
                weight: 6,
              },
              wrongValue,
            ),
          ),
        }),
      ),
      block(signFormFields.role, elementState({ value: text })),
    ]),
    (values) => {
      const result = noThrow(() => readSignForm(values), 'readSignForm');
      if (!result.ok) {
        const entries = Object.entries(result.errors);
        expectThat(
          entries.length === 1 && entries[0]?.[0] === signFormFields.mode,
          'errors not on how to sign',
        );
        expectRefusal(entries[0]?.[1], JSON.stringify(values) ?? '');
        return;
      }
      const { choice } = result;
      expectThat(['named', 'anonymous', 'conditional'].includes(choice.kind), `kind ${choice.kind}`);
      if (choice.kind === 'anonymous') {
        expectThat(Object.keys(choice).length === 1, 'an anonymous signature keeps more than its kind');
        return;
      }
      if (choice.role !== undefined) {
        expectThat(typeof choice.role === 'string', 'the role is not text');
        expectThat(choice.role.length >= 1 && choice.role.length <= 80, `role of ${choice.role.length}`);
        expectThat(
          choice.role === choice.role.replace(/\s+/g, ' ').trim(),
          'the role keeps runs of whitespace',
        );
        const typed = (values as Record<string, Record<string, { value?: unknown }>>)[signFormFields.role]?.[
          signFormFields.role
        ]?.value;
        const issues = textIssues(choice.role, typeof typed === 'string' ? typed : '');
        expectThat(!issues.some((i) => i.includes('half a character')), 'the role ends in half a character');
      }
      if (choice.kind === 'conditional') {
        expectThat(
          (thresholdChoices as readonly number[]).includes(choice.threshold),
          `threshold ${choice.threshold}`,
        );
      }
    },
  ),
);

const pledgeForm = fuzzTarget(
  'readPledgeForm',
  'src/donations/pledge-form.ts',
  fc.property(
    stateValues([
      block(
        donationBlocks.nonprofit,
        elementState({
          selected_option: option(
            fc.oneof(
              { arbitrary: fc.integer({ min: -2, max: 12 }).map(String), weight: 6 },
              fc.constantFrom('1.5', '1e0', ' 1', '0x1', '', '-0'),
              wrongValue,
            ),
          ),
        }),
      ),
      block(
        donationBlocks.band,
        elementState({
          selected_option: option(
            fc.oneof({ arbitrary: fc.constantFrom(...amountBands), weight: 6 }, wrongValue),
          ),
        }),
      ),
      block(
        donationBlocks.withdraw,
        elementState({
          selected_options: fc.oneof(
            fc.array(option(fc.oneof(fc.constant('withdraw'), wrongValue)), { maxLength: 2 }),
            wrongValue,
          ),
        }),
      ),
    ]),
    fc.integer({ min: 0, max: 10 }),
    (values, nonprofits) => {
      const result = noThrow(() => readPledgeForm(values, nonprofits), 'readPledgeForm');
      if (result.withdraw) {
        expectThat(Object.keys(result).length === 1, 'a withdrawal carries more');
        return;
      }
      const { pledge } = result;
      expectThat(
        Object.keys(pledge).every((k) => k === 'nonprofit' || k === 'band'),
        'a pledge carries more',
      );
      if (pledge.nonprofit !== undefined) {
        // "Anything unexpected is left out rather than trusted": only the values the form offers count.
        const sent = (values as Record<string, Record<string, { selected_option?: { value?: unknown } }>>)[
          donationBlocks.nonprofit
        ]?.[donationBlocks.nonprofit]?.selected_option?.value;
        expectThat(
          sent === String(pledge.nonprofit),
          `nonprofit ${pledge.nonprofit} read from ${JSON.stringify(sent)}`,
        );
        expectThat(
          Number.isInteger(pledge.nonprofit) && pledge.nonprofit >= 0 && pledge.nonprofit < nonprofits,
          `nonprofit ${pledge.nonprofit} of ${nonprofits}`,
        );
      }
      if (pledge.band !== undefined) {
        expectThat(
          (amountBands as readonly string[]).includes(pledge.band),
          `band ${JSON.stringify(pledge.band)}`,
        );
      }
    },
  ),
);

export const viewTargets: FuzzTarget[] = [pollModal, signForm, pledgeForm];
