import type { AofCommand } from './aof.js';

/** One key a command touches, and what it writes there (the arguments after the key). */
export interface KeyWrite {
  key: string;
  payload: string[];
}

const noKeys = new Set([
  'SELECT',
  'MULTI',
  'EXEC',
  'DISCARD',
  'PING',
  'FLUSHALL',
  'FLUSHDB',
  'SWAPDB',
  'SCRIPT',
  'FUNCTION',
]);
const keysOnly = new Set(['DEL', 'UNLINK', 'EXISTS', 'WATCH', 'TOUCH']);
const twoKeys = new Set(['RENAME', 'RENAMENX', 'COPY', 'SMOVE', 'LMOVE', 'RPOPLPUSH', 'BLMOVE']);
const scripts = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);

/** The command's name, upper case. */
export const commandName = (command: AofCommand): string =>
  (command.args[0]?.toString('latin1') ?? '').toUpperCase();

/**
 * The keys a command from the AOF touches and the arguments it writes to each. Most commands name one key
 * first; those that name several (DEL, MSET, RENAME, scripts) are told apart. Arguments are read as
 * latin1, one character per byte, so that they compare with what is searched for as bytes.
 */
export function keyWrites(command: AofCommand): KeyWrite[] {
  const name = commandName(command);
  const args = command.args.map((arg) => arg.toString('latin1'));
  if (noKeys.has(name) || args.length < 2) return [];
  if (keysOnly.has(name)) return args.slice(1).map((key) => ({ key, payload: [] }));
  if (name === 'MSET' || name === 'MSETNX') {
    const writes: KeyWrite[] = [];
    for (let i = 1; i + 1 < args.length; i += 2)
      writes.push({ key: args[i] ?? '', payload: [args[i + 1] ?? ''] });
    return writes;
  }
  if (twoKeys.has(name)) {
    return [
      { key: args[1] ?? '', payload: args.slice(3) },
      { key: args[2] ?? '', payload: args.slice(3) },
    ];
  }
  if (scripts.has(name)) {
    const count = Number(args[2] ?? 0);
    const keys = args.slice(3, 3 + count);
    const rest = [args[1] ?? '', ...args.slice(3 + count)];
    return keys.map((key) => ({ key, payload: rest }));
  }
  return [{ key: args[1] ?? '', payload: args.slice(2) }];
}

/** The field → value pairs of a hash write (HSET, HMSET, HSETNX); empty for any other command. */
export function hashFields(command: AofCommand, payload: string[]): Map<string, string> {
  const fields = new Map<string, string>();
  if (!['HSET', 'HMSET', 'HSETNX'].includes(commandName(command))) return fields;
  for (let i = 0; i + 1 < payload.length; i += 2) fields.set(payload[i] ?? '', payload[i + 1] ?? '');
  return fields;
}
