import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/*
 * Redis's files in its data directory (`dir`): the RDB snapshot (`dump.rdb`, or whatever `dbfilename`
 * says), and the append-only file: Redis 7's folder (`appendonlydir/`, or `appenddirname`) of base and
 * incremental files, or the single `appendonly.aof` of older versions.
 */

export interface RedisFile {
  /** Relative to the data directory. */
  path: string;
  bytes: Buffer;
  /** `aof`: RESP commands (perhaps after an RDB preamble); `rdb`: an RDB snapshot. */
  kind: 'aof' | 'rdb';
}

/** A data directory that does not exist, or holds no file of Redis's. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

const isRedisFile = (name: string): 'aof' | 'rdb' | undefined =>
  name.endsWith('.rdb') ? 'rdb' : name.endsWith('.aof') ? 'aof' : undefined;

/** Every AOF and RDB file in `dataDir` and its AOF folder, read now (files Redis deletes meanwhile are skipped). */
export async function readRedisFiles(dataDir: string, appendDirName = 'appendonlydir'): Promise<RedisFile[]> {
  const info = await stat(dataDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new DataDirError(`--data-dir ${dataDir} is not a directory`);
  const files: RedisFile[] = [];
  for (const folder of [dataDir, join(dataDir, appendDirName)]) {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const kind = entry.isFile() ? isRedisFile(entry.name) : undefined;
      if (!kind) continue;
      const path = join(folder, entry.name);
      // Redis renames and deletes its temporary and replaced files as it goes.
      const bytes = await readFile(path).catch(() => undefined);
      if (bytes) files.push({ path: relative(dataDir, path), bytes, kind });
    }
  }
  if (files.length === 0) {
    throw new DataDirError(
      `--data-dir ${dataDir} holds no file of Redis's (no *.rdb, no *.aof, no ${appendDirName}/): is it Redis's \`dir\`?`,
    );
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
