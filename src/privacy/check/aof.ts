/*
 * Redis's append-only file, command by command. Redis 7 keeps it in a folder (`appendonlydir/`, see its
 * manifest): a base file (commands, or an RDB snapshot when `aof-use-rdb-preamble` is on, `*.base.rdb`)
 * and incremental files of commands since (`*.incr.aof`), written in RESP: `*<n>\r\n` then n times
 * `$<length>\r\n<bytes>\r\n`.
 */

export interface AofCommand {
  /** 1-based position in its file. */
  index: number;
  /** Byte offset where it starts. */
  offset: number;
  args: Buffer[];
}

export interface AofParse {
  commands: AofCommand[];
  /** Where parsing stopped before the end of the file (a command cut short, or bytes that are not RESP). */
  stoppedAt: number | undefined;
}

/** Whether a file starts as an RDB file does (`REDIS0011` ...): a base file with an RDB preamble. */
export const isRdb = (bytes: Buffer): boolean => bytes.subarray(0, 5).toString('latin1') === 'REDIS';

/** Reads `<digits>\r\n` at `at`; undefined when that is not there. */
function readNumber(bytes: Buffer, at: number): { value: number; next: number } | undefined {
  const end = bytes.indexOf('\r\n', at, 'latin1');
  if (end < 0 || end === at || end - at > 20) return undefined;
  const text = bytes.toString('latin1', at, end);
  if (!/^\d+$/.test(text)) return undefined;
  return { value: Number(text), next: end + 2 };
}

/** Every whole command in an AOF file of RESP commands. */
export function parseAof(bytes: Buffer): AofParse {
  const commands: AofCommand[] = [];
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    if (bytes[at] === 0x23 /* # */) {
      // An annotation (`#TS:<unix time>` with aof-timestamp-enabled): not a command.
      const end = bytes.indexOf('\r\n', at, 'latin1');
      if (end < 0) return { commands, stoppedAt: start };
      at = end + 2;
      continue;
    }
    if (bytes[at] !== 0x2a /* * */) return { commands, stoppedAt: start };
    const count = readNumber(bytes, at + 1);
    if (!count) return { commands, stoppedAt: start };
    at = count.next;
    const args: Buffer[] = [];
    for (let i = 0; i < count.value; i++) {
      if (bytes[at] !== 0x24 /* $ */) return { commands, stoppedAt: start };
      const length = readNumber(bytes, at + 1);
      if (!length) return { commands, stoppedAt: start };
      const end = length.next + length.value;
      if (end + 2 > bytes.length || bytes[end] !== 0x0d || bytes[end + 1] !== 0x0a) {
        return { commands, stoppedAt: start };
      }
      args.push(bytes.subarray(length.next, end));
      at = end + 2;
    }
    commands.push({ index: commands.length + 1, offset: start, args });
  }
  return { commands, stoppedAt: undefined };
}
