import { eventKey, pollKey, pollMessageKey, promptKey, roleOf } from './layout.js';
import { count, duration, type Finding, finding, type RuleResult, ruleResult } from './report.js';
import type { Scopes } from './scopes.js';
import type { RedisSnapshot } from './snapshot.js';

// Events that ended or were cancelled count among the "closed" scopes; the title is what the report prints.
const retentionTitle = 'Closed polls and ended prompts go after the retention period';

export interface RetentionOptions {
  retentionDays: number;
}

const dayMs = 24 * 3_600_000;
/** How much later than the retention period a key may be set to expire (clocks differ a little). */
const toleranceMs = 3_600_000;

/**
 * Rule d: what a closed poll, an ended donation prompt or an event that ended or was cancelled keeps (its record, counts, clicks, message index,
 * nudge and forgotten-reactor records) expires at most `retentionDays` after it closed or ended: each key
 * has a TTL, none is still there after the period, none is set to outlive it. Keys of a poll or prompt
 * whose own record is gone are reported too: nothing says when they would go.
 */
export function checkRetention(
  snapshot: RedisSnapshot,
  scopes: Scopes,
  options: RetentionOptions,
): RuleResult {
  const findings: Finding[] = [];
  const retentionMs = options.retentionDays * dayMs;
  const { prefix, nowMs } = snapshot;
  let checked = 0;

  const judge = (name: string, endedAt: number | undefined, what: string) => {
    const key = snapshot.keys.get(name);
    if (!key) return;
    if (key.ttlMs < 0) {
      findings.push(finding(name, `${what}: never expires`));
      return;
    }
    if (endedAt === undefined) return;
    const deadline = endedAt + retentionMs;
    if (nowMs > deadline + toleranceMs) {
      findings.push(
        finding(name, `${what}: still here ${duration(nowMs - deadline)} after the retention period`),
      );
    } else if (nowMs + key.ttlMs > deadline + toleranceMs) {
      findings.push(
        finding(
          name,
          `${what}: set to expire ${duration(nowMs + key.ttlMs - deadline)} after the retention period`,
        ),
      );
    }
  };

  // Each poll's and prompt's parts (`:counts`, `:clicks`, `:forgotten` ...), by the scope's ID.
  const parts = {
    poll: new Map<string, string[]>(),
    prompt: new Map<string, string[]>(),
    event: new Map<string, string[]>(),
  };
  for (const name of snapshot.keys.keys()) {
    const role = roleOf(name, prefix);
    const [byId, id] =
      role?.kind === 'poll-part'
        ? [parts.poll, role.pollId]
        : role?.kind === 'prompt-part'
          ? [parts.prompt, role.promptId]
          : role?.kind === 'event-part'
            ? [parts.event, role.eventId]
            : [undefined, ''];
    byId?.set(id, [...(byId.get(id) ?? []), name]);
  }
  const since = (at: number | undefined) =>
    at === undefined ? '(time unknown)' : `${duration(nowMs - at)} ago`;

  for (const poll of scopes.polls.values()) {
    if (!poll.closed) continue;
    checked++;
    const what = `a poll closed ${since(poll.closedAt)}`;
    for (const name of [pollKey(prefix, poll.id), ...(parts.poll.get(poll.id) ?? [])]) {
      judge(name, poll.closedAt, what);
    }
    if (poll.channel && poll.ts) judge(pollMessageKey(prefix, poll.channel, poll.ts), poll.closedAt, what);
  }
  for (const prompt of scopes.prompts.values()) {
    if (!prompt.ended) continue;
    checked++;
    const what = `a donation prompt ended ${since(prompt.endedAt)}`;
    for (const name of [promptKey(prefix, prompt.id), ...(parts.prompt.get(prompt.id) ?? [])]) {
      judge(name, prompt.endedAt, what);
    }
  }

  for (const event of scopes.events.values()) {
    if (event.status === 'open' || event.status === '') continue;
    checked++;
    const what = `an event that ${event.status} ${since(event.closedAt)}`;
    for (const name of [eventKey(prefix, event.id), ...(parts.event.get(event.id) ?? [])]) {
      judge(name, event.closedAt, what);
    }
  }

  const leftBehind = (names: string[], owner: string) => {
    for (const name of names) {
      const ttl = snapshot.keys.get(name)?.ttlMs ?? -1;
      const expiry = ttl < 0 ? 'never expires' : `expires in ${duration(ttl)}`;
      findings.push(finding(name, `left behind after ${owner} is gone: ${expiry}`));
    }
  };
  for (const [id, names] of parts.poll) if (!scopes.polls.has(id)) leftBehind(names, 'its poll');
  for (const [id, names] of parts.prompt)
    if (!scopes.prompts.has(id)) leftBehind(names, 'its donation prompt');
  for (const [id, names] of parts.event) if (!scopes.events.has(id)) leftBehind(names, 'its event');
  return ruleResult('retention', retentionTitle, count(checked, 'closed scope'), findings);
}
