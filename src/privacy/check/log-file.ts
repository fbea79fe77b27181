import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface LogLine {
  /** 1-based. */
  line: number;
  text: string;
}

/** A log file that cannot be read. */
export class LogFileError extends Error {
  override readonly name = 'LogFileError';
}

/** The lines of a log file (Rally's JSON lines, or anything else), one at a time. */
export async function* readLogLines(path: string): AsyncGenerator<LogLine> {
  try {
    await access(path);
  } catch {
    throw new LogFileError(`--log-file ${path} cannot be read`);
  }
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    yield { line, text };
  }
}
