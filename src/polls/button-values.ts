import { z } from 'zod';
import { maxOptions } from './validate.js';

/**
 * What a poll ID may look like: letters, digits, `_` and `-`, at most 64. It travels in button values,
 * so it must never be, or contain, anything that identifies a person.
 */
export const pollIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** A vote button's value: the poll and the option (0-based), nothing about who clicks. */
export interface PollVote {
  pollId: string;
  optionIndex: number;
}

/** The value of the vote button for option `optionIndex` of poll `pollId`: `<poll id>:<index>`. */
export function pollVoteValue(pollId: string, optionIndex: number): string {
  if (!pollIdPattern.test(pollId)) throw new RangeError('poll id must match pollIdPattern');
  if (!Number.isInteger(optionIndex) || optionIndex < 0 || optionIndex >= maxOptions) {
    throw new RangeError(`option index must be an integer from 0 to ${maxOptions - 1}`);
  }
  return `${pollId}:${optionIndex}`;
}

const voteValueSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}:\d{1,2}$/)
  .transform((value) => {
    const cut = value.lastIndexOf(':');
    return { pollId: value.slice(0, cut), optionIndex: Number(value.slice(cut + 1)) };
  })
  .pipe(
    z.object({
      pollId: z.string(),
      optionIndex: z
        .number()
        .int()
        .min(0)
        .max(maxOptions - 1),
    }),
  );

/** Reads a vote button's value as it comes back from Slack; undefined when it is not one Rally made. */
export function parsePollVoteValue(value: unknown): PollVote | undefined {
  const parsed = voteValueSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Reads the value of **Close poll** or the nudge button: a poll ID. */
export function parsePollIdValue(value: unknown): string | undefined {
  const parsed = z.string().regex(pollIdPattern).safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
