/**
 * Button values as they come back in payloads: Rally's own, and anything a forged or stale payload may
 * carry instead (JSON of any type, long strings, near misses of the real format).
 */
import fc from 'fast-check';
import { letterIdFrom } from '../../../handlers/types.js';
import { countLinkClick } from '../../../src/donations/count-link-click.js';
import { campaignLetterId } from '../../../src/letters/model.js';
import {
  parsePollIdValue,
  parsePollVoteValue,
  pollIdPattern,
  pollVoteValue,
} from '../../../src/polls/button-values.js';
import { maxOptions } from '../../../src/polls/validate.js';
import { confirmSharedValue, parseConfirmSharedValue } from '../../../src/posting/blocks/post-summary.js';
import { huge } from '../arbitraries.js';
import { expectThat, noThrow } from '../checks.js';
import { type FuzzTarget, fuzzTarget } from '../run.js';

const idChars = /^[A-Za-z0-9_-]{1,64}$/;
const pollId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);

/** Strings close to a real value: a real one with a character changed, added or cut, or any string. */
function nearMiss(real: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    real,
    fc
      .tuple(
        real,
        fc.nat(),
        fc.oneof(fc.string({ maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 2 })),
      )
      .map(([value, at, insert]) => {
        const i = at % (value.length + 1);
        return `${value.slice(0, i)}${insert}${value.slice(i + 1)}`;
      }),
    fc.tuple(real, real).map(([a, b]) => `${a}:${b}`),
    fc.tuple(real, fc.constantFrom(' ', '\n', ':', ':0', '0')).map(([value, end]) => `${value}${end}`),
    fc.string({ maxLength: 80 }),
    huge,
  );
}

/** Any value a JSON payload can hold where a string is expected. */
const anyJson = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  { arbitrary: fc.constantFrom(undefined, null, '', 0, -1, 1.5, true, [], {}), weight: 1 },
);

const voteValue = fc.tuple(pollId, fc.nat(maxOptions - 1)).map(([id, i]) => pollVoteValue(id, i));

const pollVote = fuzzTarget(
  'poll vote value',
  'src/polls/button-values.ts',
  fc.property(
    fc.oneof({ arbitrary: nearMiss(voteValue), weight: 4 }, { arbitrary: anyJson, weight: 1 }),
    pollId,
    fc.nat(maxOptions - 1),
    (value, id, index) => {
      // The round trip: what Rally builds reads back the same.
      const built = pollVoteValue(id, index);
      const back = parsePollVoteValue(built);
      expectThat(
        back?.pollId === id && back.optionIndex === index,
        `${built} reads back as ${JSON.stringify(back)}`,
      );
      // Anything else: undefined, or a vote Rally could have made.
      const read = noThrow(() => parsePollVoteValue(value), 'parsePollVoteValue');
      if (read === undefined) return;
      expectThat(typeof value === 'string', 'a value that is not a string was read');
      expectThat(pollIdPattern.test(read.pollId), `poll id ${JSON.stringify(read.pollId)}`);
      expectThat(
        Number.isInteger(read.optionIndex) && read.optionIndex >= 0 && read.optionIndex < maxOptions,
        `option index ${read.optionIndex}`,
      );
      expectThat(
        JSON.stringify(parsePollVoteValue(pollVoteValue(read.pollId, read.optionIndex))) ===
          JSON.stringify(read),
        'a vote read does not build back to itself',
      );
    },
  ),
);

const pollVoteBuilder = fuzzTarget(
  'poll vote value builder',
  'src/polls/button-values.ts',
  fc.property(nearMiss(pollId), fc.oneof(fc.integer({ min: -3, max: 12 }), fc.double()), (id, index) => {
    let built: string;
    try {
      built = pollVoteValue(id, index);
    } catch (err) {
      // Documented: a RangeError for an ID or index Rally never makes.
      expectThat(err instanceof RangeError && err.message.length > 0, `pollVoteValue threw ${String(err)}`);
      expectThat(
        !pollIdPattern.test(id) || !Number.isInteger(index) || index < 0 || index >= maxOptions,
        'refused a good vote',
      );
      return;
    }
    expectThat(
      JSON.stringify(parsePollVoteValue(built)) === JSON.stringify({ pollId: id, optionIndex: index }),
      'no round trip',
    );
  }),
);

const pollIdValue = fuzzTarget(
  'poll id value',
  'src/polls/button-values.ts',
  fc.property(fc.oneof(nearMiss(pollId), anyJson), (value) => {
    const read = noThrow(() => parsePollIdValue(value), 'parsePollIdValue');
    if (read === undefined) return;
    expectThat(read === value && pollIdPattern.test(read), `read ${JSON.stringify(read)}`);
  }),
);

const sharedChannel = fc.stringMatching(/^[CG][A-Z0-9]{1,12}$/);
const postedKind = fc.constantFrom('article' as const, 'letter' as const, 'donation' as const);

const confirmShared = fuzzTarget(
  'post-anyway value',
  'src/posting/blocks/post-summary.ts',
  fc.property(
    postedKind,
    sharedChannel,
    fc.oneof(
      nearMiss(fc.tuple(postedKind, sharedChannel).map(([k, c]) => confirmSharedValue(k, c))),
      anyJson,
    ),
    (kind, channel, value) => {
      const back = parseConfirmSharedValue(confirmSharedValue(kind, channel));
      expectThat(back?.kind === kind && back.channel === channel, 'no round trip');
      const read = noThrow(
        () => parseConfirmSharedValue(value as string | undefined),
        'parseConfirmSharedValue',
      );
      if (read === undefined) return;
      expectThat(
        confirmSharedValue(read.kind, read.channel, read.itemId) === value,
        `read ${JSON.stringify(read)}`,
      );
    },
  ),
);

const promptId = fc.stringMatching(/^[A-Za-z0-9_-]{6,64}$/);

const donationLink = fuzzTarget(
  'donation link value',
  'src/donations/count-link-click.ts',
  fc.asyncProperty(
    promptId,
    fc.nat(9),
    fc.integer({ min: 0, max: 10 }),
    fc.oneof(nearMiss(fc.tuple(promptId, fc.nat(24)).map(([p, i]) => `${p}:${i}`)), anyJson),
    async (id, index, nonprofits, value) => {
      const counted: [string, number][] = [];
      const deps = {
        campaign: { donations: Array.from({ length: nonprofits }) },
        donations: {
          // A prompt posted before prompts kept their own list: the campaign file's counts.
          nonprofits: async () => undefined,
          countClick: async (prompt: string, i: number) => {
            counted.push([prompt, i]);
            return false;
          },
        },
        pendingRedraws: {},
      } as unknown as Parameters<typeof countLinkClick>[0];
      // The round trip: the value a prompt's link button carries counts for that prompt and nonprofit.
      await countLinkClick(deps, `${id}:${index}`);
      const expected = index < nonprofits ? [[id, index]] : [];
      expectThat(JSON.stringify(counted) === JSON.stringify(expected), `counted ${JSON.stringify(counted)}`);
      counted.length = 0;
      let result: boolean;
      try {
        result = await countLinkClick(deps, value as string | undefined);
      } catch (err) {
        throw new Error(`countLinkClick threw ${String(err)}`);
      }
      expectThat(result === false, 'counted without a store');
      for (const [prompt, i] of counted) {
        expectThat(/^[A-Za-z0-9_-]{6,64}$/.test(prompt), `prompt ${JSON.stringify(prompt)}`);
        expectThat(Number.isInteger(i) && i >= 0 && i < nonprofits, `nonprofit ${i} of ${nonprofits}`);
        // The index may be written with a leading zero (`:07`), which Rally never makes but reads alike.
        const [, id, digits] = /^(.*):(\d+)$/.exec(String(value)) ?? [];
        expectThat(
          id === prompt && Number(digits) === i,
          `counted ${prompt}:${i} for ${JSON.stringify(value)}`,
        );
      }
    },
  ),
);

const letterId = fuzzTarget(
  'letter id value',
  'handlers/types.ts letterIdFrom',
  fc.property(fc.oneof(nearMiss(fc.stringMatching(idChars)), anyJson), (value) => {
    const read: unknown = noThrow(() => letterIdFrom(value as string | undefined), 'letterIdFrom');
    // An absent value is the campaign's letter (copies posted before letters had IDs); anything else that
    // is not an ID is no letter at all.
    expectThat(
      typeof read === 'string' && (read === '' || idChars.test(read)),
      `letter id ${JSON.stringify(read)}`,
    );
    if (value === undefined || value === '') expectThat(read === campaignLetterId, 'an absent value');
    else expectThat(read === value || read === '', `read ${JSON.stringify(read)}`);
    if (typeof value === 'string' && idChars.test(value))
      expectThat(read === value, 'a good id was not kept');
  }),
);

export const buttonTargets: FuzzTarget[] = [
  pollVote,
  pollVoteBuilder,
  pollIdValue,
  confirmShared,
  donationLink,
  letterId,
];
