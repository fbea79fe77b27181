/**
 * The campaign file: the default one broken line by line, YAML made of its syntax at random, and campaigns
 * whose fields hold anything, written as YAML or JSON.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { CampaignError, defaultCampaignPath, parseCampaign } from '../../../src/campaign/load.js';
import { campaignSchema } from '../../../src/campaign/schema.js';
import { longText } from '../arbitraries.js';
import { expectThat, PropertyBroken, textIssues } from '../checks.js';
import { type FuzzTarget, fuzzTarget } from '../run.js';

const defaultText = readFileSync(defaultCampaignPath(), 'utf8');
const defaultData = parse(defaultText) as Record<string, unknown>;

/** Pieces of YAML syntax, and the campaign's own words. */
const yamlPiece = fc.constantFrom(
  '- ',
  ': ',
  ':',
  '{',
  '}',
  '[',
  ']',
  ', ',
  '&a ',
  '*a',
  '&b [*a, *a, *a]',
  '!!binary aGVsbG8=',
  '!!set ',
  '!!omap ',
  '!!map ',
  '!!str ',
  '!!int ',
  '!!float ',
  '!!timestamp 2001-12-14',
  '!tag ',
  '!<tag:x> ',
  '|',
  '|-',
  '>-',
  '? ',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '%YAML 9.9\n',
  '%TAG !e! tag:example.com,2000:\n',
  '# ',
  '"',
  "'",
  '\\',
  '\t',
  '\n',
  '\n  ',
  '\n    ',
  '  ',
  'article',
  'letter',
  'donations',
  'headline',
  'summary',
  'url',
  'published',
  'quotes',
  'text',
  'speaker',
  'body',
  '<<',
  '~',
  'null',
  'true',
  'no',
  '1e3',
  '0x1F',
  '.inf',
  '.nan',
  '2018-06-20',
  'https://example.org/x',
  'http://example.org',
  'https://user:pw@example.org',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  '\u0000',
  '\uFEFF',
  '\u2028',
  'é',
  '😀',
);

/**
 * Long text, but not of quotes: yaml takes a third of a second on 3,000 of them and seconds on 100,000 (an
 * error each), which says nothing about Rally; random YAML above has quotes enough.
 */
const huge = longText([1_000, 3_001], ['x', 'é', '😀', ' ', 'a ', '- a\n', 'a: b\n', '\n', '  a:\n']);

/** The default campaign with lines dropped, repeated, re-indented, cut or spliced with syntax. */
const brokenDefault = fc
  .array(
    fc.tuple(
      fc.constantFrom('drop', 'repeat', 'indent', 'cut', 'splice', 'swap'),
      fc.nat(),
      fc.nat(),
      fc.array(yamlPiece, { maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((edits) => {
    let lines = defaultText.split('\n');
    for (const [edit, a, b, pieces] of edits) {
      const i = a % lines.length;
      const line = lines[i] ?? '';
      switch (edit) {
        case 'drop':
          lines = [...lines.slice(0, i), ...lines.slice(i + 1)];
          break;
        case 'repeat':
          lines = [...lines.slice(0, i), line, ...lines.slice(i)];
          break;
        case 'indent':
          lines[i] = `${' '.repeat(b % 7)}${line.trimStart()}`;
          break;
        case 'cut':
          lines[i] = line.slice(0, b % (line.length + 1));
          break;
        case 'splice': {
          const at = b % (line.length + 1);
          lines[i] = `${line.slice(0, at)}${pieces.join('')}${line.slice(at)}`;
          break;
        }
        case 'swap': {
          const j = b % lines.length;
          [lines[i], lines[j]] = [lines[j] ?? '', line];
          break;
        }
      }
    }
    return lines.join('\n');
  });

const randomYaml = fc.oneof(
  fc.array(yamlPiece, { maxLength: 40 }).map((pieces) => pieces.join('')),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  huge,
  // Aliases that expand to more than they read.
  fc
    .integer({ min: 2, max: 12 })
    .map(
      (levels) =>
        `a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: levels }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`,
    ),
);

/** Any value where a campaign field is. */
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    '',
    ' ',
    0,
    true,
    [],
    {},
    '2018-06-20',
    'https://example.org/x',
    'http://x.org',
    'https://localhost',
  ),
  fc.string({ maxLength: 200 }),
  huge,
);

type Path = (string | number)[];

/** Every path to a value in `data`, the root included. */
function pathsOf(data: unknown, path: Path = []): Path[] {
  const inner =
    data && typeof data === 'object'
      ? Object.entries(data).flatMap(([k, v]) => pathsOf(v, [...path, Array.isArray(data) ? Number(k) : k]))
      : [];
  return [path, ...inner];
}

function setAt(data: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(data)) {
    const copy: unknown[] = [...data];
    if (remove && rest.length === 0) copy.splice(Number(head), 1);
    else copy[Number(head)] = setAt(copy[Number(head)], rest, value, remove);
    return copy;
  }
  const copy: Record<string, unknown> = data && typeof data === 'object' ? { ...data } : {};
  if (remove && rest.length === 0) delete copy[String(head)];
  else copy[String(head)] = setAt(copy[String(head)], rest, value, remove);
  return copy;
}

const allPaths = pathsOf(defaultData);

/** The default campaign with fields changed, removed or added, written as YAML or as JSON. */
const changedCampaign = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom(...allPaths),
        fieldValue,
        fc.constantFrom('set', 'set', 'remove', 'add'),
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'titel', 'url')),
      ),
      { minLength: 1, maxLength: 5 },
    ),
    fc.boolean(),
  )
  .map(([changes, asJson]) => {
    let data: unknown = defaultData;
    for (const [path, value, change, key] of changes) {
      data =
        change === 'add'
          ? setAt(data, [...path, key], value, false)
          : setAt(data, path, value, change === 'remove');
    }
    return asJson ? JSON.stringify(data) : stringify(data);
  });

/** yaml warns through the process about some keys; a fuzzer writing thousands of them says nothing new. */
function quietly<T>(read: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = () => {};
  try {
    return read();
  } finally {
    process.emitWarning = emit;
  }
}

function expectReadOrRefused(text: string): void {
  let campaign: unknown;
  try {
    campaign = quietly(() => parseCampaign(text, 'campaign.yml'));
  } catch (err) {
    if (!(err instanceof CampaignError)) {
      throw new PropertyBroken(
        `parseCampaign threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
      );
    }
    expectThat(
      err.message.startsWith('The campaign in campaign.yml is not '),
      `message ${JSON.stringify(err.message)}`,
    );
    expectThat(err.problems.length > 0, 'refused with no problem named');
    // YAML reads `.inf` and `.nan` as numbers, so a key written so is named Infinity or NaN.
    const written = /\.(?:inf|nan)\b/i.test(text) ? `${text} Infinity NaN` : text;
    for (const problem of err.problems) {
      // Problems go to the operator at start-up, not into Slack: no length limit (yaml quotes whole scalars),
      // and `""` names an empty key.
      const issues = [
        ...(problem.trim() ? [] : ['it is empty']),
        ...textIssues(problem, written).filter((issue) => issue !== 'it quotes an empty word'),
      ];
      expectThat(issues.length === 0, `a problem: ${issues.join('; ')}: ${JSON.stringify(problem)}`);
      expectThat(err.message.includes(`  ${problem}`), 'the message leaves a problem out');
      // A field it does not know is one the file has (checked for names that YAML and JSON write as is).
      const unknown = /^(?:.*[.\]])?([A-Za-z_$][\w$]*): is not a field Rally knows/.exec(problem)?.[1];
      if (unknown !== undefined) expectThat(written.includes(unknown), `"${unknown}" is not in the file`);
    }
    return;
  }
  const again = campaignSchema.safeParse(campaign);
  expectThat(again.success, 'what was read is not a campaign');
}

const campaignYaml = fuzzTarget(
  'parseCampaign YAML',
  'src/campaign/load.ts',
  fc.property(
    fc.oneof({ arbitrary: brokenDefault, weight: 3 }, { arbitrary: randomYaml, weight: 2 }),
    expectReadOrRefused,
  ),
);

const campaignData = fuzzTarget(
  'parseCampaign fields',
  'src/campaign/load.ts, campaign/schema.ts',
  fc.property(changedCampaign, expectReadOrRefused),
);

export const campaignTargets: FuzzTarget[] = [campaignYaml, campaignData];
