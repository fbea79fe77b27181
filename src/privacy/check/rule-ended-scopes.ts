import { eventKey, keyMaterial, letterKey, pollKey, promptKey } from './layout.js';
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
  answers: 'its answerers’ hashes',
  waitlist: 'its waitlist',
  reminders: 'the sealed IDs of people who asked for reminders',
  'last-press': 'its last presses',
  'last-press-at': 'the times of its last presses',
};

/**
 * Rule b: once a scope ends, nothing that could link a person to what they did in it is left in Redis: a
 * closed anonymous poll has no `:key` and no `:votes`; a closed letter no `:key`, `:signers`,
 * `:anonymous`, `:legacy-anonymous` or `:conditional`; an ended prompt no `:key` and no `:pledges`; a
 * counts-only event that ended or was cancelled no `:key`, `:answers`, `:waitlist`, `:reminders` or last
 * presses.
 */
export function checkEndedScopes(snapshot: RedisSnapshot, scopes: Scopes): RuleResult {
  const findings: Finding[] = [];
  let checked = 0;
  const look = (keys: (part: string) => string, parts: readonly string[], what: string) => {
    checked++;
    for (const part of parts) {
      const name = keys(part);
      if (snapshot.keys.has(name)) {
        findings.push(finding(name, `${what} still holds ${partWords[part] ?? `\`${part}\``}`));
      }
    }
  };
  const { prefix } = snapshot;
  for (const poll of scopes.polls.values()) {
    if (!poll.anonymous || !poll.closed) continue;
    look((part) => pollKey(prefix, poll.id, part), keyMaterial.poll, 'an anonymous poll that closed');
  }
  for (const letter of scopes.letters.values()) {
    if (letter.status !== 'closed') continue;
    look((part) => letterKey(prefix, letter.id, part), keyMaterial.letter, 'a letter that closed');
  }
  for (const prompt of scopes.prompts.values()) {
    if (!prompt.ended) continue;
    look((part) => promptKey(prefix, prompt.id, part), keyMaterial.prompt, 'a donation prompt that ended');
  }
  for (const event of scopes.events.values()) {
    if (!event.countsOnly || event.status === 'open' || event.status === '') continue;
    look(
      (part) => eventKey(prefix, event.id, part),
      keyMaterial.event,
      `a counts-only event that ${event.status}`,
    );
  }
  return ruleResult('ended-scopes', endedScopesTitle, count(checked, 'ended scope'), findings);
}
