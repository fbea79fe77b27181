import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Campaign, campaignSchema } from './schema.js';

/** A campaign file Rally cannot use; the message names every problem, `problems` lists them one by one. */
export class CampaignError extends Error {
  override readonly name = 'CampaignError';

  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/** `['letter', 'body', 2]` becomes `letter.body[2]`; the root is called `campaign`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    // An empty key (`"": x`) is shown as written, not as nothing (which would name the whole campaign).
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${key === '' ? '""' : String(key)}`;
  }
  return out || 'campaign';
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(
      (key) => `${formatPath([...issue.path, key])}: is not a field Rally knows (check the spelling)`,
    );
  }
  return [`${formatPath(issue.path)}: ${issue.message}`];
}

function invalid(source: string, what: string, problems: string[]): CampaignError {
  const lines = problems.map((problem) => `  ${problem}`).join('\n');
  return new CampaignError(`The campaign in ${source} is not ${what}:\n${lines}`, problems);
}

/**
 * Parses and validates a campaign written in YAML. `source` names the text in error messages (a file
 * path, say). Throws a {@link CampaignError} listing every YAML syntax error with its line, or else
 * every invalid field with its dotted path, such as `donations[1].url: must be an https:// URL`.
 */
export function parseCampaign(text: string, source: string): Campaign {
  // YAML 1.2's core schema only: YAML 1.1 tags (`!!binary`, `!!set`, `!!timestamp` ...) would read as a
  // Buffer, a Set or a Date, which no field takes and which are named field by field (a Buffer's methods).
  const document = parseDocument(text, { schema: 'core', resolveKnownTags: false });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const where = error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : 'YAML';
      const what = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return `${where}: ${what}`;
    });
    throw invalid(source, 'valid YAML', problems);
  }
  let data: unknown;
  try {
    data = document.toJS();
  } catch (err) {
    // yaml refuses aliases that expand to too much ("billion laughs") only here, with a ReferenceError.
    throw invalid(source, 'valid YAML', [`YAML: ${err instanceof Error ? err.message : String(err)}`]);
  }
  const parsed = campaignSchema.safeParse(data);
  if (!parsed.success) throw invalid(source, 'valid', parsed.error.issues.flatMap(describeIssue));
  return parsed.data;
}

/**
 * Where the default campaign is: beside this module when run from the sources. tsc does not copy YAML
 * into `dist/`, so when the file is not there (as in `dist/src/campaign/`) it is read from the sources,
 * three folders up and back into `src/campaign/`. `moduleUrl` is this module's URL unless a test says.
 */
export function defaultCampaignPath(
  moduleUrl: string | URL = import.meta.url,
  exists: (path: string) => boolean = existsSync,
): string {
  const sibling = fileURLToPath(new URL('./default-campaign.yml', moduleUrl));
  if (exists(sibling)) return sibling;
  return fileURLToPath(new URL('../../../src/campaign/default-campaign.yml', moduleUrl));
}

/** Reads and validates the campaign at `path`, or the default campaign shipped with Rally. */
export async function loadCampaign(path: string = defaultCampaignPath()): Promise<Campaign> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err);
    throw new CampaignError(`Rally cannot read the campaign file ${path}: ${reason}`, [reason]);
  }
  return parseCampaign(text, path);
}
