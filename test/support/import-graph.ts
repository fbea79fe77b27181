/**
 * The project's import graph, read from the sources with no dependency: which file imports which, where the
 * folders of `src/` depend on each other, and the cycles among them. `test/architecture.test.ts` uses it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';

/** One import, export-from or `import()` in a source file, as written. */
export interface ImportRef {
  specifier: string;
  /** 1-based line of the specifier. */
  line: number;
  /** `import type ...` or `export type ... from`: gone at run time, but it still couples the files. */
  typeOnly: boolean;
}

/** A relative import of one repository file by another; paths are relative to the repository, with `/`. */
export interface Import extends ImportRef {
  from: string;
  /** The file imported, or undefined when the specifier names no file of the repository. */
  to: string | undefined;
}

// One pass over the source that steps over comments, strings and template literals, so that an import written
// inside them does not count; the alternatives with a capture group are the three import forms.
const tokens = new RegExp(
  [
    String.raw`\/\/[^\n]*`,
    String.raw`\/\*[\s\S]*?\*\/`,
    // import x from '...', import type { x } from '...', export * from '...', export { x } from '...'
    String.raw`(?<![\w$.])(import|export)(\s+type\b)?[^'"\x60;]*?\bfrom\s*(['"])([^'"\n]+)\3`,
    // import '...' (for its side effects)
    String.raw`(?<![\w$.])import\s*(['"])([^'"\n]+)\5`,
    // import('...')
    String.raw`(?<![\w$.])import\s*\(\s*(['"])([^'"\n]+)\7\s*[,)]`,
    String.raw`'(?:\\.|[^\\'\n])*'`,
    String.raw`"(?:\\.|[^\\"\n])*"`,
    String.raw`\x60(?:\\[\s\S]|[^\\\x60])*\x60`,
  ].join('|'),
  'g',
);

/** The specifiers a TypeScript or JavaScript source imports from, in order. */
export function extractImports(source: string): ImportRef[] {
  const found: ImportRef[] = [];
  for (const match of source.matchAll(tokens)) {
    const specifier = match[4] ?? match[6] ?? match[8];
    if (specifier === undefined) continue;
    const at = match.index + match[0].lastIndexOf(specifier);
    const line = source.slice(0, at).split('\n').length;
    found.push({ specifier, line, typeOnly: match[2] !== undefined });
  }
  return found;
}

const sourceFile = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;
const compiledTo: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.js'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};

/**
 * The repository file a relative specifier names (`./x.js` may name `x.ts`, as NodeNext allows), or undefined
 * when none does or the path leaves the repository. Package and `node:` specifiers give undefined too: check
 * `isRelative` first.
 */
export function resolveSpecifier(
  from: string,
  specifier: string,
  exists: (path: string) => boolean,
): string | undefined {
  if (!isRelative(specifier)) return undefined;
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  if (target.startsWith('../') || posix.isAbsolute(target)) return undefined;
  const extension = posix.extname(target);
  const stem = target.slice(0, target.length - extension.length);
  const candidates = [
    ...(compiledTo[extension] ?? []).map((e) => stem + e),
    target,
    `${target}.ts`,
    `${target}/index.ts`,
  ];
  return candidates.find(exists);
}

export function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/** The relative imports of the given sources (path -> text); package imports are left out. */
export function importsOf(sources: ReadonlyMap<string, string>, exists: (path: string) => boolean): Import[] {
  const imports: Import[] = [];
  for (const [from, text] of sources) {
    for (const ref of extractImports(text)) {
      if (isRelative(ref.specifier))
        imports.push({ ...ref, from, to: resolveSpecifier(from, ref.specifier, exists) });
    }
  }
  return imports;
}

/** Every source file under the given folders of `root`, as repository paths; skips node_modules and dist. */
export function listSourceFiles(root: string, dirs: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(posix.join(root, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist') walk(path);
      else if (entry.isFile() && sourceFile.test(entry.name) && !entry.name.endsWith('.d.ts'))
        files.push(path);
    }
  };
  for (const dir of dirs) walk(dir);
  return files.sort();
}

/** The relative imports of every source file under the given folders of `root`. */
export function loadImports(root: string, dirs: readonly string[]): Import[] {
  const sources = new Map(
    listSourceFiles(root, dirs).map((f) => [f, readFileSync(posix.join(root, f), 'utf8')]),
  );
  return importsOf(sources, (path) => existsSync(posix.join(root, path)));
}

/** `import type { X } from '../a.js'` at `src/b.ts:3`, for messages. */
export function describeImport(i: Import): string {
  return `${i.from}:${i.line} ${i.typeOnly ? 'import type' : 'import'} '${i.specifier}'`;
}

/**
 * The node of the folder graph of `src/` a file belongs to: `src/polls` for anything under `src/polls/`, and
 * the file itself for a top-level file such as `src/config.ts`. Undefined outside `src/`.
 */
export function srcNode(file: string): string | undefined {
  const parts = file.split('/');
  if (parts[0] !== 'src' || parts.length < 2) return undefined;
  return parts.length === 2 ? file : `src/${parts[1]}`;
}

/** Node -> node it imports -> the imports that make that edge. Imports within one node make no edge. */
export type DependencyGraph = Map<string, Map<string, Import[]>>;

export function buildGraph(
  imports: readonly Import[],
  nodeOf: (file: string) => string | undefined,
): DependencyGraph {
  const graph: DependencyGraph = new Map();
  for (const i of imports) {
    const a = nodeOf(i.from);
    const b = i.to === undefined ? undefined : nodeOf(i.to);
    if (a === undefined || b === undefined || a === b) continue;
    const edges = graph.get(a) ?? new Map<string, Import[]>();
    graph.set(a, edges);
    edges.set(b, [...(edges.get(b) ?? []), i]);
  }
  return graph;
}

/** Any directed graph: node -> the nodes it has an edge to. */
export type Adjacency = ReadonlyMap<string, Iterable<string>>;

function nodesOf(graph: Adjacency): string[] {
  const nodes = new Set<string>();
  for (const [a, bs] of graph) {
    nodes.add(a);
    for (const b of bs) nodes.add(b);
  }
  return [...nodes].sort();
}

/** The strongly connected components of the graph restricted to `within` (Tarjan), each sorted. */
export function stronglyConnected(graph: Adjacency, within: ReadonlySet<string> = new Set(nodesOf(graph))) {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v) ?? 0);
    stack.push(v);
    onStack.add(v);
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!within.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component.sort());
    }
  };
  for (const v of [...within].sort()) if (!index.has(v)) visit(v);
  return components;
}

/**
 * Every elementary cycle of the graph (Johnson's algorithm), each starting at its smallest node and listed
 * without repeating it: `['a', 'b']` is a -> b -> a. Self-loops are ignored. Shortest cycles first; at most
 * `limit` of them, with `truncated` set when there were more.
 */
export function findCycles(graph: Adjacency, limit = 200): { cycles: string[][]; truncated: boolean } {
  const cycles: string[][] = [];
  const successors = (v: string, within: ReadonlySet<string>) =>
    [...new Set(graph.get(v) ?? [])].filter((w) => w !== v && within.has(w)).sort();
  const pending = stronglyConnected(graph).filter((c) => c.length > 1);
  let truncated = false;
  search: while (pending.length > 0) {
    const component = pending.pop() ?? [];
    const within = new Set(component);
    const start = component[0] as string;
    // Johnson's circuit search from `start` within its component, without recursion.
    const blocked = new Set<string>([start]);
    const blockedBy = new Map<string, Set<string>>();
    const closed = new Set<string>();
    const path = [start];
    const stack: { node: string; next: string[] }[] = [{ node: start, next: successors(start, within) }];
    const unblock = (v: string) => {
      const queue = [v];
      for (let u = queue.pop(); u !== undefined; u = queue.pop()) {
        if (!blocked.delete(u)) continue;
        queue.push(...(blockedBy.get(u) ?? []));
        blockedBy.delete(u);
      }
    };
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: string; next: string[] };
      const w = top.next.shift();
      if (w !== undefined) {
        if (w === start) {
          if (cycles.length === limit) {
            truncated = true;
            break search;
          }
          cycles.push([...path]);
          for (const v of path) closed.add(v);
        } else if (!blocked.has(w)) {
          path.push(w);
          stack.push({ node: w, next: successors(w, within) });
          closed.delete(w);
          blocked.add(w);
        }
        continue;
      }
      if (closed.has(top.node)) unblock(top.node);
      else {
        for (const w of successors(top.node, within)) {
          blockedBy.set(w, (blockedBy.get(w) ?? new Set()).add(top.node));
        }
      }
      stack.pop();
      path.pop();
    }
    within.delete(start);
    const rest = new Map([...within].map((v) => [v, successors(v, within)]));
    pending.push(...stronglyConnected(rest, within).filter((c) => c.length > 1));
  }
  cycles.sort((a, b) => a.length - b.length || a.join('\0').localeCompare(b.join('\0')));
  return { cycles, truncated };
}

/** The graph without the import details, for `findCycles`. */
export function adjacency(graph: DependencyGraph): Map<string, string[]> {
  return new Map([...graph].map(([a, edges]) => [a, [...edges.keys()]]));
}

/**
 * A report of the cycles of a dependency graph for a reader who has to break them: each cycle, then each of
 * its edges with the first import that makes it (file:line) and how many more there are. Empty when none.
 */
export function describeCycles(graph: DependencyGraph, limit = 200): string {
  const { cycles, truncated } = findCycles(adjacency(graph), limit);
  if (cycles.length === 0) return '';
  const lines: string[] = [];
  cycles.forEach((cycle, n) => {
    const ring = [...cycle, cycle[0] as string];
    lines.push(`cycle ${n + 1}: ${ring.join(' -> ')}`);
    for (let k = 0; k < cycle.length; k++) {
      const a = ring[k] as string;
      const b = ring[k + 1] as string;
      const made = [...(graph.get(a)?.get(b) ?? [])].sort(
        (x, y) => x.from.localeCompare(y.from) || x.line - y.line,
      );
      const first = made[0];
      const more = made.length > 1 ? ` (and ${made.length - 1} more)` : '';
      lines.push(`  ${a} -> ${b}: ${first === undefined ? '?' : describeImport(first)}${more}`);
    }
  });
  if (truncated) lines.push(`... and more: only the first ${limit} cycles are listed.`);
  return lines.join('\n');
}
