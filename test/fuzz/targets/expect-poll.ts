/** What every poll Rally accepts holds, from the command or from the form. */
import type { NewPoll } from '../../../src/polls/model.js';
import { maxOptions, minOptions, optionMaxLength, questionMaxLength } from '../../../src/polls/validate.js';
import { maxAheadMs } from '../../../src/time/instant-words.js';
import { expectThat } from '../checks.js';

const cleaned = (text: string) => text === text.replace(/\s+/g, ' ').trim();

/** A question and 2 to 10 different options within their lengths, on one line each; a closing time ahead. */
export function expectValidPoll(poll: NewPoll, now: Date): void {
  expectThat(poll.question.length >= 1 && poll.question.length <= questionMaxLength, 'question length');
  expectThat(cleaned(poll.question), 'the question keeps runs of whitespace');
  expectThat(poll.options.length >= minOptions && poll.options.length <= maxOptions, 'number of options');
  for (const option of poll.options) {
    expectThat(option.length >= 1 && option.length <= optionMaxLength, `option length ${option.length}`);
    expectThat(cleaned(option), 'an option keeps runs of whitespace');
  }
  const keys = new Set(poll.options.map((o) => o.normalize('NFC').toLowerCase()));
  expectThat(keys.size === poll.options.length, 'two options are the same');
  for (const flag of ['anonymous', 'multiple', 'hidden'] as const) {
    expectThat(typeof poll[flag] === 'boolean', `${flag} is not true or false`);
  }
  if (poll.closesAt) {
    const ahead = poll.closesAt.getTime() - now.getTime();
    expectThat(ahead > 0 && ahead <= maxAheadMs, `closes ${ahead} ms from now`);
  }
}
