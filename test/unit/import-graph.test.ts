import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  describeCycles,
  extractImports,
  findCycles,
  importsOf,
  resolveSpecifier,
  srcNode,
  stronglyConnected,
} from '../support/import-graph.js';

const graph = (edges: string) => {
  const g = new Map<string, string[]>();
  for (const edge of edges.split(/\s+/).filter(Boolean)) {
    const [a, b] = edge.split('>') as [string, string];
    g.set(a, [...(g.get(a) ?? []), b]);
  }
  return g;
};

describe('extractImports', () => {
  it('finds imports, re-exports and import() with their lines, and nothing in comments or strings', () => {
    const source = [
      "import { a } from './a.js';", // 1
      "import type { B } from '../b/b.js';", // 2
      'import {', // 3
      '  c,', // 4
      '  type C,', // 5
      "} from './c.js';", // 6
      "import './side-effect.js';", // 7
      "export * from './d.js';", // 8
      "export type { E } from './e.js';", // 9
      "// import { x } from './commented.js';", // 10
      "/* export * from './block-commented.js'; */", // 11
      "const text = \"import('./in-a-string.js') from './no.js'\";", // 12
      "const url = 'http://example.org/'; const later = await import('./f.js');", // 13
      "const g = import(\n  './g.js'\n);", // 14-16
      'const h = `import("./in-a-template.js")`;', // 17
      "import { z } from 'zod';", // 18
      'import.meta.url;', // 19
    ].join('\n');
    expect(extractImports(source)).toEqual([
      { specifier: './a.js', line: 1, typeOnly: false },
      { specifier: '../b/b.js', line: 2, typeOnly: true },
      { specifier: './c.js', line: 6, typeOnly: false },
      { specifier: './side-effect.js', line: 7, typeOnly: false },
      { specifier: './d.js', line: 8, typeOnly: false },
      { specifier: './e.js', line: 9, typeOnly: true },
      { specifier: './f.js', line: 13, typeOnly: false },
      { specifier: './g.js', line: 15, typeOnly: false },
      { specifier: 'zod', line: 18, typeOnly: false },
    ]);
  });
});

describe('resolveSpecifier', () => {
  const files = new Set(['src/a/x.ts', 'src/b.ts', 'src/data.json', 'jobs/index.ts']);
  const exists = (p: string) => files.has(p);

  it('maps a .js specifier to the .ts source, as NodeNext does', () => {
    expect(resolveSpecifier('src/a/y.ts', './x.js', exists)).toBe('src/a/x.ts');
    expect(resolveSpecifier('src/a/y.ts', '../b.js', exists)).toBe('src/b.ts');
    expect(resolveSpecifier('src/a/y.ts', '../../jobs/index.js', exists)).toBe('jobs/index.ts');
    expect(resolveSpecifier('src/a/y.ts', '../data.json', exists)).toBe('src/data.json');
  });

  it('gives undefined for a missing file, a package, or a path out of the repository', () => {
    expect(resolveSpecifier('src/a/y.ts', './missing.js', exists)).toBeUndefined();
    expect(resolveSpecifier('src/a/y.ts', 'zod', exists)).toBeUndefined();
    expect(resolveSpecifier('test/t.ts', '../../shared/x.json', () => true)).toBeUndefined();
  });
});

describe('findCycles', () => {
  it('finds none in a graph without a cycle', () => {
    expect(findCycles(graph('a>b a>c b>c c>d'))).toEqual({ cycles: [], truncated: false });
  });

  it('ignores self-loops', () => {
    expect(findCycles(graph('a>a a>b')).cycles).toEqual([]);
  });

  it('finds a two-node cycle and a longer one, each from its smallest node', () => {
    expect(findCycles(graph('a>b b>a c>d d>e e>c x>a')).cycles).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
  });

  it('finds every elementary cycle where cycles share nodes, shortest first', () => {
    // a -> b -> a, b -> c -> b, a -> b -> c -> a
    expect(findCycles(graph('a>b b>a b>c c>b c>a')).cycles).toEqual([
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'b', 'c'],
    ]);
  });

  it('finds all cycles of a complete graph and stops at the limit', () => {
    const k4 = graph('a>b a>c a>d b>a b>c b>d c>a c>b c>d d>a d>b d>c');
    // 6 of length 2, 8 of length 3, 6 of length 4
    expect(findCycles(k4).cycles).toHaveLength(20);
    expect(findCycles(k4, 5)).toMatchObject({ truncated: true, cycles: { length: 5 } });
  });

  it('agrees with the strongly connected components', () => {
    expect(stronglyConnected(graph('a>b b>a b>c c>d d>c'))).toEqual([
      ['c', 'd'],
      ['a', 'b'],
    ]);
  });
});

describe('the folder graph of src/', () => {
  const sources = new Map([
    ['src/config.ts', "import { when } from './time/when.js';"],
    ['src/time/when.ts', "import type { Config } from '../config.js';"],
    [
      'src/polls/store.ts',
      "import { when } from '../time/when.js';\nimport { view } from './blocks/view.js';",
    ],
    ['src/polls/blocks/view.ts', "\nimport { list } from '../../letters/list.js';"],
    [
      'src/letters/list.ts',
      "import { store } from '../polls/store.js';\nimport { view } from '../polls/blocks/view.js';",
    ],
    ['handlers/poll.ts', "import { store } from '../src/polls/store.js';"],
  ]);
  const imports = importsOf(sources, (p) => sources.has(p));

  it('has one node per folder and one per top-level file, and no edge inside a folder', () => {
    expect(srcNode('src/polls/blocks/view.ts')).toBe('src/polls');
    expect(srcNode('src/config.ts')).toBe('src/config.ts');
    expect(srcNode('handlers/poll.ts')).toBeUndefined();
    const g = buildGraph(imports, srcNode);
    expect(Object.fromEntries([...g].map(([a, edges]) => [a, [...edges.keys()]]))).toEqual({
      'src/config.ts': ['src/time'],
      'src/time': ['src/config.ts'],
      'src/polls': ['src/time', 'src/letters'],
      'src/letters': ['src/polls'],
    });
  });

  it('reports each cycle with an example import (file:line) for each edge', () => {
    expect(describeCycles(buildGraph(imports, srcNode))).toBe(
      [
        'cycle 1: src/config.ts -> src/time -> src/config.ts',
        "  src/config.ts -> src/time: src/config.ts:1 import './time/when.js'",
        "  src/time -> src/config.ts: src/time/when.ts:1 import type '../config.js'",
        'cycle 2: src/letters -> src/polls -> src/letters',
        "  src/letters -> src/polls: src/letters/list.ts:1 import '../polls/store.js' (and 1 more)",
        "  src/polls -> src/letters: src/polls/blocks/view.ts:2 import '../../letters/list.js'",
      ].join('\n'),
    );
  });

  it('reports nothing once the cycles are broken', () => {
    const acyclic = importsOf(
      new Map([...sources].filter(([file]) => file !== 'src/time/when.ts' && file !== 'src/letters/list.ts')),
      (p) => sources.has(p),
    );
    expect(describeCycles(buildGraph(acyclic, srcNode))).toBe('');
  });
});
