import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  describeCycles,
  describeImport,
  listSourceFiles,
  loadImports,
  srcNode,
} from './support/import-graph.js';

// The import boundaries of the project, checked on its sources (Biome's noRestrictedImports says the same
// while editing). The logic is in support/import-graph.ts, tested in unit/import-graph.test.ts.
const root = fileURLToPath(new URL('..', import.meta.url));
const imports = loadImports(root, ['src', 'handlers', 'jobs', 'test', 'bench']);

const production = ['src/', 'handlers/', 'jobs/'];
const forbidden: { from: string; to: string; why: string }[] = [
  { from: 'handlers/', to: 'jobs/', why: 'a handler enqueues through src/queues/; it never runs a job' },
  {
    from: 'jobs/',
    to: 'handlers/',
    why: 'a job never depends on a Bolt listener: move what both need to src/',
  },
  {
    from: 'src/',
    to: 'handlers/',
    why: 'the core never depends on the listeners (src/main.ts registers them)',
  },
  { from: 'src/', to: 'jobs/', why: 'the core never depends on the processors (src/main.ts starts them)' },
  ...production.map((from) => ({ from, to: 'test/', why: 'production code never imports test code' })),
  ...production.map((from) => ({ from, to: 'bench/', why: 'production code never imports benchmarks' })),
];
// The composition root wires the listeners and the workers up, through their one index file each.
const allowed = new Set(['src/main.ts -> handlers/index.ts', 'src/main.ts -> jobs/index.ts']);

describe('imports', () => {
  it('are all read: every relative import names a file inside the repository', () => {
    expect(imports.length).toBeGreaterThan(100);
    expect(imports.filter((i) => i.to === undefined).map(describeImport)).toEqual([]);
  });

  it('go only in the allowed directions between src/, handlers/, jobs/ and the test code', () => {
    const broken = imports.flatMap((i) => {
      if (i.to === undefined || allowed.has(`${i.from} -> ${i.to}`)) return [];
      const to = i.to;
      const rule = forbidden.find((r) => i.from.startsWith(r.from) && to.startsWith(r.to));
      return rule === undefined ? [] : [`${describeImport(i)}: ${rule.why}`];
    });
    expect(broken).toEqual([]);
  });

  it('make no cycle among the folders of src/', () => {
    const report = describeCycles(buildGraph(imports, srcNode));
    if (report === '') return;
    throw new Error(
      'The folders of src/ import each other in a cycle. Each folder directly under src/ is one node, each\n' +
        'top-level file of src/ is its own node, and type-only imports count. Break every cycle below by moving\n' +
        'what one side needs out of the other (to that side, or to a folder both may import):\n\n' +
        report,
    );
  });
});

describe('the shape of the core', () => {
  it('keeps Block Kit builders pure: nothing under a blocks/ folder imports a store or Redis code', () => {
    const builders = imports.filter((i) => /^src\/(.+\/)?blocks\//.test(i.from));
    expect(builders.length).toBeGreaterThan(20);
    const impure = builders.filter(
      (i) => i.to !== undefined && /(^|[/-])store\.ts$|^src\/redis\//.test(i.to),
    );
    expect(impure.map(describeImport)).toEqual([]);
  });

  it('writes to Slack from the core and the jobs only through src/delivery/ (one path: paced, recorded, retried)', () => {
    const write =
      /\.(chat\.(postMessage|update|delete|scheduleMessage)|reactions\.(add|remove)|views\.publish|files\.(uploadV2|getUploadURLExternal|completeUploadExternal)|filesUploadV2)\(/;
    const files = listSourceFiles(root, ['src', 'jobs']);
    const writers = files.filter((f) => write.test(readFileSync(`${root}${f}`, 'utf8')));
    // The rule would be empty if the pattern never matched: the delivery path itself must be found.
    expect(writers).toContain('src/delivery/deliver.ts');
    expect(writers.filter((f) => !f.startsWith('src/delivery/'))).toEqual([]);
  });
});
