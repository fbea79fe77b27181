import { eventKey, forgottenParts, keyMaterial, letterKey, pollKey, promptKey } from './layout.js';
import { count, type Finding, finding, type RuleResult, ruleResult } from './report.js';
import type { Scopes } from './scopes.js';
import type { RedisSnapshot } from './snapshot.js';

// Events that ended or were cancelled count among the "closed" scopes; the title is what the report prints.
const endedScopesTitle = 'Closed polls, letters and prompts keep no key or hash';

const partWords: Record<string, string> = {
  key: 'its random key',
  votes: 'its voter records',
  signers: 'its signers’ hashes',
  anonymous: 'its anonymous signatures',
  'legacy-anonymous': 'its legacy anonymous signatures',
  conditional: 'its waiting conditional signatures',
  pledges: 'its pledgers’ hashes',
  forgotten: 'its record of people who asked to be forgotten',
  'forgotten-key': 'the random key of its record of people who asked to be forgotten',
  answers: 'its answerers’ hashes',
  waitlist: 'its waitlist',
  reminders: 'the sealed IDs of people who asked for reminders',
  'last-press': 'its last presses',
  'last-press-at': 'the times of its last presses',
};

/**
 * Rule b: once a scope ends, nothing that could link a person to what they did in it is left in Redis: a
 * closed anonymous poll has no `:key`, no `:votes` and no creator's code (`creator`); a closed poll, public
 * or anonymous, no `:forgotten` or `:forgotten-key`; a closed letter no `:key`, `:signers`, `:anonymous`,
 * `:legacy-anonymous` or `:conditional`; an ended prompt no `:key` and no `:pledges`; a counts-only event
 * that ended or was cancelled no `:key`, `:answers`, `:waitlist`, `:reminders` or last presses.
 */
export function checkEndedScopes(snapshot: RedisSnapshot, scopes: Scopes): RuleResult {
  const findings: Finding[] = [];
  let checked = 0;
  const look = (keys: (part: string) => string, parts: readonly string[], what: string) => {
    for (const part of parts) {
      const name = keys(part);
      if (snapshot.keys.has(name)) {
        findings.push(finding(name, `${what} still holds ${partWords[part] ?? `\`${part}\``}`));
      }
    }
  };
  const { prefix } = snapshot;
  for (const poll of scopes.polls.values()) {
    if (!poll.closed) continue;
    checked++;
    const parts = (part: string) => pollKey(prefix, poll.id, part);
    if (poll.anonymous) {
      const what = 'an anonymous poll that closed';
      look(parts, keyMaterial.poll, what);
      if (poll.hasCreator) {
        findings.push(
          finding(pollKey(prefix, poll.id), `${what} still holds its creator's code (\`creator\`)`),
        );
      }
    }
    look(parts, forgottenParts, poll.anonymous ? 'an anonymous poll that closed' : 'a poll that closed');
  }
  for (const letter of scopes.letters.values()) {
    if (letter.status !== 'closed') continue;
    checked++;
    look((part) => letterKey(prefix, letter.id, part), keyMaterial.letter, 'a letter that closed');
  }
  for (const prompt of scopes.prompts.values()) {
    if (!prompt.ended) continue;
    checked++;
    look((part) => promptKey(prefix, prompt.id, part), keyMaterial.prompt, 'a donation prompt that ended');
  }
  for (const event of scopes.events.values()) {
    if (!event.countsOnly || event.status === 'open' || event.status === '') continue;
    checked++;
    look(
      (part) => eventKey(prefix, event.id, part),
      keyMaterial.event,
      `a counts-only event that ${event.status}`,
    );
  }
  return ruleResult('ended-scopes', endedScopesTitle, count(checked, 'ended scope'), findings);
}
