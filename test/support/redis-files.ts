import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `dir` (a Redis data directory, its AOF folder included), read as it is now. */
export async function filesIn(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const files: { path: string; bytes: Buffer }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    // Redis renames and deletes its temporary and replaced files as it goes.
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes) files.push({ path: relative(dir, path), bytes });
  }
  return files;
}

/** Which of `values` can be read in a file of `dir` whose path starts with `under`. */
export async function readableOnDisk(dir: string, values: string[], under = ''): Promise<string[]> {
  const files = (await filesIn(dir)).filter((f) => f.path.startsWith(under));
  return values.filter((value) => files.some((f) => f.bytes.includes(value)));
}
