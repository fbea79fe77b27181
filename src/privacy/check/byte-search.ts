/*
 * Which of many values (keys, hashes: runs of base64url characters) appear as bytes in a file, such as an
 * RDB snapshot. With `rdbcompression no` Redis writes strings as they are, so a value it holds is there
 * byte for byte; compressed (LZF) strings are not found this way.
 */

const base64url = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')
  base64url[c.charCodeAt(0)] = 1;

/** The values (each a run of base64url characters) of `needles` that occur in `bytes`. */
export function findValues(bytes: Buffer, needles: Iterable<string>): Set<string> {
  const wanted = new Set(needles);
  const lengths = [...new Set([...wanted].map((n) => n.length))].sort((a, b) => a - b);
  const found = new Set<string>();
  if (wanted.size === 0) return found;
  const shortest = lengths[0] ?? 0;
  let at = 0;
  while (at < bytes.length) {
    if (!base64url[bytes[at] ?? 0]) {
      at++;
      continue;
    }
    let end = at;
    while (end < bytes.length && base64url[bytes[end] ?? 0]) end++;
    if (end - at >= shortest) {
      // A value may sit inside a longer run (a length byte that happens to be a letter): try every window.
      const run = bytes.toString('latin1', at, end);
      for (const length of lengths) {
        if (length > run.length) break;
        for (let i = 0; i + length <= run.length; i++) {
          const candidate = run.slice(i, i + length);
          if (wanted.has(candidate)) found.add(candidate);
        }
      }
    }
    at = end;
  }
  return found;
}
