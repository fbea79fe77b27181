import { anonymousScopeOf, isAnonymousPollJob, isCountsOnlyEventJob } from './anonymous-scope.js';
import { type AofCommand, isRdb, parseAof } from './aof.js';
import { commandName, hashFields, keyWrites } from './aof-commands.js';
import { jobEnds } from './aof-job-ends.js';
import { findValues } from './byte-search.js';
import {
  anonymousPollQueues,
  eventPersonQueues,
  forgottenParts,
  type KeyRole,
  keyMaterial,
  queueKeyKind,
  roleOf,
} from './layout.js';
import { hasUserId } from './patterns.js';
import type { RedisFile } from './redis-files.js';
import { count, duration, type Finding, finding, type RuleResult, ruleResult } from './report.js';
import type { Scopes } from './scopes.js';
import type { RedisSnapshot } from './snapshot.js';

export const redisFilesTitle = "Redis's files hold no erased key material and no user ID of an anonymous act";

export interface RedisFilesOptions {
  eraseWithinSeconds: number;
  marginSeconds: number;
}

type ScopeKind = 'poll' | 'letter' | 'prompt' | 'event';

/** A key that holds a scope's key material, and the values written there worth looking for elsewhere. */
interface Material {
  kind: ScopeKind;
  id: string;
  part: string;
  /** The scope in words: `an anonymous poll`, `a poll`, `a letter` ... */
  scope: string;
  values: string[];
}

const partWords: Record<string, string> = {
  key: 'the random key',
  votes: 'voter records',
  signers: 'signer hashes',
  anonymous: 'anonymous signatures',
  'legacy-anonymous': 'legacy anonymous signatures',
  conditional: 'conditional signatures',
  pledges: 'pledger hashes',
  creator: "the creator's code",
  forgotten: 'forgotten-reactor hashes',
  'forgotten-key': 'the random key of forgotten-reactor hashes',
  answers: 'answerer hashes',
  waitlist: 'waitlist hashes',
  reminders: 'sealed IDs of people who asked for reminders',
  'last-press': 'last presses',
  'last-press-at': 'times of last presses',
};

/** A random key, a hash or a sealed box: base64url, 16 characters or more. */
const isSecret = (value: string): boolean => /^[A-Za-z0-9_-]{16,}$/.test(value);

/**
 * The key material a write carries: an anonymous poll's key, voter records and creator's code; any poll's
 * record of people who asked to be forgotten and its key; a letter's, a prompt's and a counts-only
 * event's keys, hashes and sealed IDs.
 */
function materialOf(
  role: KeyRole,
  payload: string[],
  fields: Map<string, string>,
  anonymousPoll: (id: string) => boolean,
  countsOnlyEvent: (id: string) => boolean,
): Material | undefined {
  if (role.kind === 'poll') {
    // Of the poll's own hash only its creator's code: its question and options are no secret.
    const creator = fields.get('creator') ?? '';
    if (!anonymousPoll(role.pollId) || !isSecret(creator)) return undefined;
    return { kind: 'poll', id: role.pollId, part: 'creator', scope: 'an anonymous poll', values: [creator] };
  }
  const values = secretsIn(payload);
  if (role.kind === 'poll-part' && keyMaterial.poll.includes(role.part) && anonymousPoll(role.pollId)) {
    return { kind: 'poll', id: role.pollId, part: role.part, scope: 'an anonymous poll', values };
  }
  if (role.kind === 'poll-part' && forgottenParts.includes(role.part)) {
    const scope = anonymousPoll(role.pollId) ? 'an anonymous poll' : 'a poll';
    return { kind: 'poll', id: role.pollId, part: role.part, scope, values };
  }
  if (role.kind === 'letter-part' && keyMaterial.letter.includes(role.part)) {
    return { kind: 'letter', id: role.letterId, part: role.part, scope: 'a letter', values };
  }
  if (role.kind === 'prompt-part' && keyMaterial.prompt.includes(role.part)) {
    return { kind: 'prompt', id: role.promptId, part: role.part, scope: 'a donation prompt', values };
  }
  if (role.kind === 'event-part' && keyMaterial.event.includes(role.part) && countsOnlyEvent(role.eventId)) {
    return { kind: 'event', id: role.eventId, part: role.part, scope: 'a counts-only event', values };
  }
  return undefined;
}

/** Values worth looking for elsewhere: random keys, hashes and sealed boxes (base64url, 16 or more). */
function secretsIn(payload: string[]): string[] {
  const secrets: string[] = [];
  for (const arg of payload) {
    if (isSecret(arg)) secrets.push(arg);
    for (const match of arg.matchAll(/"sealed":"([A-Za-z0-9_-]{16,})"/g))
      if (match[1]) secrets.push(match[1]);
  }
  return secrets;
}

/** Findings about one key in one file, counted, with the first command that made them. */
class Tally {
  readonly #entries = new Map<
    string,
    { file: string; key: string; what: string; first: AofCommand; n: number }
  >();

  add(file: string, key: string, what: string, command: AofCommand): void {
    const id = `${file}\u0000${key}\u0000${what}`;
    const entry = this.#entries.get(id);
    if (entry) entry.n++;
    else this.#entries.set(id, { file, key, what, first: command, n: 1 });
  }

  findings(): Finding[] {
    return [...this.#entries.values()].map(({ file, key, what, first, n }) =>
      finding(
        `${file}, command ${first.index} (byte ${first.offset})`,
        `${n === 1 ? `${commandName(first)} ${key}` : `${n} commands on ${key} (the first: ${commandName(first)})`}: ${what}`,
      ),
    );
  }
}

/**
 * Rule c, in the files (with the data directory): reads the AOF command by command and fails when a
 * command writes key material (a random key, hashes, a creator's code, sealed signatures) of a scope that
 * ended longer ago than the window (or is gone from Redis), or writes a Slack user ID into a record of an
 * anonymous scope (into the job of an anonymous poll, which needs it while it runs: when that job ended
 * longer ago than the window); then looks for the values of that ended key material, as bytes, in every
 * RDB file (the snapshot and an AOF base with an RDB preamble).
 */
export function checkRedisFiles(
  snapshot: RedisSnapshot,
  scopes: Scopes,
  files: RedisFile[],
  options: RedisFilesOptions,
): RuleResult {
  const { prefix, nowMs } = snapshot;
  const windowMs = (options.eraseWithinSeconds + options.marginSeconds) * 1000;
  const notes: string[] = [];
  const aofs: { path: string; commands: AofCommand[] }[] = [];
  const rdbs: RedisFile[] = [];
  for (const file of files) {
    if (file.kind === 'rdb' || isRdb(file.bytes)) {
      rdbs.push(file);
      if (file.kind === 'aof') {
        notes.push(
          `${file.path} starts with an RDB preamble: it was searched as bytes, its commands were not read`,
        );
      }
      continue;
    }
    const { commands, stoppedAt } = parseAof(file.bytes);
    if (stoppedAt !== undefined) {
      notes.push(
        `${file.path}: read up to byte ${stoppedAt} of ${file.bytes.length} (the rest is not whole RESP commands)`,
      );
    }
    aofs.push({ path: file.path, commands });
  }

  // Which polls are anonymous: Redis says so for those it holds; the files for those it no longer does.
  const anonymousPolls = new Set([...scopes.polls.values()].filter((p) => p.anonymous).map((p) => p.id));
  for (const { commands } of aofs) {
    for (const command of commands) {
      for (const write of keyWrites(command)) {
        const role = roleOf(write.key, prefix);
        if (role?.kind === 'poll' && hashFields(command, write.payload).get('anonymous') === '1') {
          anonymousPolls.add(role.pollId);
        }
        if (role?.kind === 'poll-part' && role.part === 'key') anonymousPolls.add(role.pollId);
      }
    }
  }
  const anonymousPoll = (id: string) => anonymousPolls.has(id);

  // Which events keep counts only: likewise, from Redis and from the files.
  const countsOnlyEvents = new Set([...scopes.events.values()].filter((e) => e.countsOnly).map((e) => e.id));
  for (const { commands } of aofs) {
    for (const command of commands) {
      for (const write of keyWrites(command)) {
        const role = roleOf(write.key, prefix);
        if (role?.kind === 'event' && hashFields(command, write.payload).get('mode') === 'counts') {
          countsOnlyEvents.add(role.eventId);
        }
        if (role?.kind === 'event-part' && role.part === 'key') countsOnlyEvents.add(role.eventId);
      }
    }
  }
  const countsOnlyEvent = (id: string) => countsOnlyEvents.has(id);
  const ends = jobEnds(
    aofs.flatMap((aof) => aof.commands),
    prefix,
  );

  /** How long ago a scope ended (Infinity when it is gone from Redis); undefined while it is open. */
  const endedAgo = ({ kind, id }: Material): number | undefined => {
    if (kind === 'poll') {
      const poll = scopes.polls.get(id);
      if (!poll) return Number.POSITIVE_INFINITY;
      return poll.closed ? nowMs - (poll.closedAt ?? 0) : undefined;
    }
    if (kind === 'letter') {
      const letter = scopes.letters.get(id);
      if (!letter) return Number.POSITIVE_INFINITY;
      return letter.status === 'closed' ? nowMs - (letter.closedAt ?? 0) : undefined;
    }
    if (kind === 'event') {
      const event = scopes.events.get(id);
      if (!event) return Number.POSITIVE_INFINITY;
      return event.status === 'open' || event.status === '' ? undefined : nowMs - (event.closedAt ?? 0);
    }
    const prompt = scopes.prompts.get(id);
    if (!prompt) return Number.POSITIVE_INFINITY;
    return prompt.ended ? nowMs - (prompt.endedAt ?? 0) : undefined;
  };
  const endedWords = (material: Material, ago: number): string =>
    ago === Number.POSITIVE_INFINITY
      ? `${material.scope} no longer in Redis`
      : `${material.scope} that ${material.kind === 'prompt' || material.kind === 'event' ? 'ended' : 'closed'} ${duration(ago)} ago`;

  const userIds = new Tally();
  const erased = new Tally();
  const secrets = new Map<string, string>();
  const recentlyEnded = new Set<string>();
  const anonymousJobs = new Map<string, boolean>();
  /** Writes of a user ID into jobs of anonymous polls: judged once it is known when each job ended. */
  const jobWrites: { path: string; key: string; queue: string; command: AofCommand }[] = [];
  let commandCount = 0;
  for (const { path, commands } of aofs) {
    for (const command of commands) {
      commandCount++;
      for (const { key, payload } of keyWrites(command)) {
        const role = roleOf(key, prefix);
        if (!role) continue;
        const fields = hashFields(command, payload);
        const withUserId = hasUserId(key) || payload.some(hasUserId);

        if (role.kind === 'poll') {
          if (anonymousPoll(role.pollId) && hasUserId(fields.get('creator') ?? '')) {
            userIds.add(path, key, "writes a Slack user ID as an anonymous poll's creator", command);
          }
        } else if (
          role.kind === 'queue' &&
          anonymousPollQueues.includes(role.queue) &&
          queueKeyKind(role.rest) === 'job'
        ) {
          const data = fields.get('data');
          if (data !== undefined) anonymousJobs.set(key, isAnonymousPollJob(role, data, anonymousPoll));
          if (anonymousJobs.get(key) && withUserId) jobWrites.push({ path, key, queue: role.queue, command });
        } else if (
          role.kind === 'queue' &&
          eventPersonQueues.includes(role.queue) &&
          queueKeyKind(role.rest) === 'job'
        ) {
          // A counts-only event's notice job carries a code, never a user ID, not even while it runs.
          const data = fields.get('data');
          if (data !== undefined) anonymousJobs.set(key, isCountsOnlyEventJob(role, data, countsOnlyEvent));
          if (anonymousJobs.get(key) && withUserId) {
            userIds.add(
              path,
              key,
              'writes a Slack user ID into a notice job of a counts-only event',
              command,
            );
          }
        } else {
          const scope = anonymousScopeOf(role, anonymousPoll, countsOnlyEvent);
          if (scope && withUserId) userIds.add(path, key, `writes a Slack user ID into ${scope}`, command);
        }

        const material = materialOf(role, payload, fields, anonymousPoll, countsOnlyEvent);
        // Commands that carry no key or hash (an EXPIRE, a DEL) leave nothing of the scope in the file.
        if (!material || material.values.length === 0) continue;
        const ago = endedAgo(material);
        if (ago === undefined) continue;
        if (ago <= windowMs) {
          recentlyEnded.add(`${material.kind}:${material.id}`);
          continue;
        }
        const what = `${partWords[material.part] ?? material.part} of ${endedWords(material, ago)}`;
        erased.add(path, key, what, command);
        for (const value of material.values) secrets.set(value, `${what} (\`${key}\`)`);
      }
    }
  }

  // A job of an anonymous poll carries a user ID while it waits or runs (the anonymous-records rule
  // reports one stuck in its queue); once it ended its record is deleted, and Redis's files must be
  // rewritten within the window after that.
  const jobs = { running: new Set<string>(), recent: new Set<string>() };
  for (const { path, key, queue, command } of jobWrites) {
    const endedAt = ends.get(key);
    if (snapshot.keys.has(key)) {
      jobs.running.add(key);
    } else if (endedAt === undefined || nowMs - endedAt <= windowMs) {
      // No end in the files: it ended after they were read.
      jobs.recent.add(key);
    } else {
      const ago = duration(nowMs - endedAt);
      userIds.add(
        path,
        key,
        `writes a Slack user ID into a ${queue} job of an anonymous poll that ended ${ago} ago`,
        command,
      );
    }
  }

  const findings = [...userIds.findings(), ...erased.findings()];
  for (const file of rdbs) {
    const found = findValues(file.bytes, secrets.keys());
    const perKey = new Map<string, number>();
    for (const value of found) {
      const what = secrets.get(value) ?? '';
      perKey.set(what, (perKey.get(what) ?? 0) + 1);
    }
    for (const [what, n] of perKey) findings.push(finding(file.path, `holds ${count(n, 'value')}: ${what}`));
  }

  if (jobs.running.size > 0) {
    notes.push(
      `user IDs of ${count(jobs.running.size, 'job')} of anonymous polls still queued or running stay in the files until each ends and the files are rewritten`,
    );
  }
  if (jobs.recent.size > 0) {
    notes.push(
      `user IDs of ${count(jobs.recent.size, 'job')} of anonymous polls that ended within the last ${options.eraseWithinSeconds + options.marginSeconds} s may stay in the files until the compaction that is due`,
    );
  }
  if (recentlyEnded.size > 0) {
    notes.push(
      `${count(recentlyEnded.size, 'scope')} ended within the last ${options.eraseWithinSeconds + options.marginSeconds} s: their key material may stay in the files until the compaction that is due`,
    );
  }
  notes.push(
    rdbs.length > 0
      ? `${count(rdbs.length, 'RDB file')} searched as bytes for the ${count(secrets.size, 'erased value')} found in the AOF (strings Redis compressed, with rdbcompression yes, are not found this way)`
      : 'no RDB file',
  );
  return ruleResult(
    'redis-files',
    redisFilesTitle,
    `${count(files.length, 'file')}, ${count(commandCount, 'AOF command')}`,
    findings,
    notes,
  );
}
