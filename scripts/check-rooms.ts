/**
 * Fails when the folders of the product import each other in a cycle. Each
 * folder under lib/ and components/ is a room (lib/filters, components/ui),
 * app/ is one room, and a root file is its own; tests and the test helpers
 * (and shared suites) are left out, as they sit on top of everything. ESLint keeps the named
 * rules between rooms; this catches any loop those rules do not name.
 *
 *   npx tsx scripts/check-rooms.ts            # prints the rooms in order, lowest first
 *   npx tsx scripts/check-rooms.ts --graph    # and every edge
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCES = ['app', 'components', 'lib', 'proxy.ts', 'instrumentation.ts', 'instrumentation-node.ts'];
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Tests, the test helpers, and shared suites (files that import vitest) sit on top of everything. */
const excluded = (file: string) =>
  /\.test\.tsx?$/.test(file) || file.startsWith('lib/testing/') || /from ['"]vitest['"]/.test(fs.readFileSync(path.join(ROOT, file), 'utf8'));

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return /\.tsx?$/.test(entry) ? [entry] : [];
  return fs.readdirSync(full).flatMap((name) => sourceFiles(path.join(entry, name)));
}

/** lib/filters/filters.ts → lib/filters; lib/settings.ts → lib/settings; app/** → app. */
export function roomOf(file: string): string {
  const parts = file.split(path.sep).join('/').split('/');
  if (parts[0] === 'app') return 'app';
  if (parts.length === 1) return parts[0]!.replace(/\.tsx?$/, '');
  return `${parts[0]}/${parts[1]!.replace(/\.tsx?$/, '')}`;
}

function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = specifier.slice(2);
  else if (specifier.startsWith('.')) base = path.join(path.dirname(from), specifier);
  else return null; // a package
  for (const candidate of [base, ...EXTENSIONS.map((ext) => base + ext)]) {
    const full = path.join(ROOT, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return path.relative(ROOT, full);
  }
  return null;
}

export function roomGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of SOURCES.flatMap(sourceFiles).filter((f) => !excluded(f))) {
    const from = roomOf(file);
    const edges = graph.get(from) ?? graph.set(from, new Map()).get(from)!;
    for (const match of fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(IMPORT)) {
      const target = resolve(file, match[1] ?? match[2] ?? match[3]!);
      if (!target || excluded(target)) continue;
      const to = roomOf(target);
      if (to === from) continue;
      const why = edges.get(to) ?? edges.set(to, []).get(to)!;
      why.push(`${file} → ${target}`);
    }
  }
  return graph;
}

/** Tarjan's strongly connected components: any with more than one room is a cycle. */
export function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (room: string) => {
    index.set(room, counter);
    low.set(room, counter++);
    stack.push(room);
    onStack.add(room);
    for (const next of graph.get(room)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(room, Math.min(low.get(room)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(room, Math.min(low.get(room)!, index.get(next)!));
    }
    if (low.get(room) === index.get(room)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== room);
      if (component.length > 1) found.push(component);
    }
  };
  for (const room of graph.keys()) if (!index.has(room)) visit(room);
  return found;
}

/** Rooms ordered so that each comes after everything it imports. */
function lowestFirst(graph: Map<string, Map<string, string[]>>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (room: string) => {
    if (seen.has(room)) return;
    seen.add(room);
    for (const next of [...(graph.get(room)?.keys() ?? [])].sort()) visit(next);
    order.push(room);
  };
  for (const room of [...graph.keys()].sort()) visit(room);
  return order;
}

if (import.meta.filename === process.argv[1] || process.argv[1]?.endsWith('check-rooms.ts')) {
  const graph = roomGraph();
  const loops = cycles(graph);
  const edgeCount = [...graph.values()].reduce((sum, edges) => sum + edges.size, 0);
  if (process.argv.includes('--graph')) {
    for (const room of lowestFirst(graph)) console.log(`${room} → ${[...(graph.get(room)?.keys() ?? [])].sort().join(', ') || '(nothing)'}`);
  }
  if (loops.length === 0) {
    console.log(`No cycle among ${graph.size} rooms (${edgeCount} folder-level imports). Lowest first: ${lowestFirst(graph).join(' < ')}`);
  } else {
    for (const loop of loops) {
      console.error(`These rooms import each other in a cycle: ${loop.join(', ')}`);
      for (const from of loop) for (const to of loop) for (const why of graph.get(from)?.get(to) ?? []) console.error(`  ${why}`);
    }
    process.exit(1);
  }
}
