import {
  anonymousScopeOf,
  isAnonymousPollJob,
  isCountsOnlyEventJob,
  isUndisclosedNoticeJob,
} from './anonymous-scope.js';
import { roleOf } from './layout.js';
import { hasUserId } from './patterns.js';
import { count, type Finding, finding, type RuleResult, ruleResult } from './report.js';
import type { Scopes } from './scopes.js';
import type { RedisSnapshot, StoredKey } from './snapshot.js';

const anonymousRecordsTitle = 'Anonymous records hold no Slack user ID';

export interface AnonymousRecordsOptions {
  /**
   * A job of an anonymous poll carries its creator's or requester's user ID while it waits or runs; its
   * record must go when it ends. One still queued after this long (ms) is reported too.
   */
  inFlightGraceMs: number;
}

export const defaultInFlightGraceMs = 10 * 60_000;

/** Where in a key a user ID is: its name, a field name, a field's value, a member, an event. */
function userIdsIn(key: StoredKey): string[] {
  const places: string[] = [];
  if (hasUserId(key.name)) places.push("the key's name");
  const { stored } = key;
  switch (stored.type) {
    case 'string':
      if (hasUserId(stored.value)) places.push('its value');
      break;
    case 'hash':
      for (const [field, value] of Object.entries(stored.value)) {
        if (hasUserId(field)) places.push('a field name');
        else if (hasUserId(value)) places.push(`field \`${field}\``);
      }
      break;
    case 'set':
    case 'zset':
    case 'list':
      if (stored.value.some(hasUserId)) places.push('a member');
      break;
    case 'stream':
      if (stored.value.some(([, fields]) => fields.some(hasUserId))) places.push('an event');
      break;
    case 'unread':
      break;
  }
  return [...new Set(places)];
}

const described = (places: string[]): string => `a Slack user ID in ${places.join(', ')}`;

/**
 * Rule a: no Slack user ID in any record of an anonymous scope: anonymous polls' creator, voter records,
 * keys and forgotten-reactor sets; letters' signers, anonymous, legacy and conditional signatures and key;
 * prompts' pledges and key; counts-only events' key, answers, waitlist, reminders and last presses, and
 * their notice jobs; the pending redraws; pace keys; every queue's deduplication keys and event
 * streams; the job records of message-refresh and redraw-clock; and the poll-create and poll-nudge job
 * records of anonymous polls once the job ended (or when it is stuck in the queue).
 */
export function checkAnonymousRecords(
  snapshot: RedisSnapshot,
  scopes: Scopes,
  options: AnonymousRecordsOptions = { inFlightGraceMs: defaultInFlightGraceMs },
): RuleResult {
  const anonymousPoll = (id: string) => scopes.polls.get(id)?.anonymous === true;
  const countsOnlyEvent = (id: string) => scopes.events.get(id)?.countsOnly === true;
  const findings: Finding[] = [];
  let checked = 0;
  let inFlight = 0;
  for (const key of snapshot.keys.values()) {
    const role = roleOf(key.name, snapshot.prefix);
    if (!role) continue;
    const hash = key.stored.type === 'hash' ? key.stored.value : undefined;
    if (role.kind === 'poll') {
      if (!anonymousPoll(role.pollId)) continue;
      checked++;
      if (hasUserId(hash?.creator ?? '')) {
        findings.push(
          finding(key.name, 'an anonymous poll names its creator by a Slack user ID (`creator`)'),
        );
      }
      continue;
    }
    if (hash?.data !== undefined && isAnonymousPollJob(role, hash.data, anonymousPoll)) {
      checked++;
      const places = userIdsIn(key);
      if (places.length === 0) continue;
      const queue = role.kind === 'queue' ? role.queue : '';
      const age = snapshot.nowMs - Number(hash.timestamp ?? snapshot.nowMs);
      if (hash.finishedOn !== undefined) {
        findings.push(
          finding(key.name, `a ${queue} job of an anonymous poll kept after it ended: ${described(places)}`),
        );
      } else if (age > options.inFlightGraceMs) {
        const minutes = Math.round(age / 60_000);
        findings.push(
          finding(
            key.name,
            `a ${queue} job of an anonymous poll still queued after ${minutes} min: ${described(places)}`,
          ),
        );
      } else {
        inFlight++;
      }
      continue;
    }
    if (hash?.data !== undefined && isCountsOnlyEventJob(role, hash.data, countsOnlyEvent)) {
      checked++;
      const places = userIdsIn(key);
      if (places.length > 0) {
        findings.push(finding(key.name, `a notice job of a counts-only event: ${described(places)}`));
      }
      continue;
    }
    if (hash?.data !== undefined && isUndisclosedNoticeJob(role, hash.data)) {
      checked++;
      const places = userIdsIn(key);
      if (places.length > 0) {
        findings.push(finding(key.name, `a notice that may not be a direct message: ${described(places)}`));
      }
      continue;
    }
    const scope = anonymousScopeOf(role, anonymousPoll, countsOnlyEvent);
    if (!scope) continue;
    checked++;
    const places = userIdsIn(key);
    if (places.length > 0) findings.push(finding(key.name, `${described(places)}, in ${scope}`));
  }
  const notes =
    inFlight > 0
      ? [
          `${count(inFlight, 'job')} of anonymous polls waiting or running now carry a user ID until they end (their records are then deleted)`,
        ]
      : [];
  return ruleResult('anonymous-records', anonymousRecordsTitle, count(checked, 'record'), findings, notes);
}
