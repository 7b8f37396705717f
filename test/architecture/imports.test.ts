/**
 * ARCHITECTURE.md's arrows, checked against the import lines (type-only imports included): a
 * back-arrow, or an arrow the map does not draw, fails here. Change the map and ALLOWED together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Who may import whom (layers are the folders of ARCHITECTURE.md; `entry` is src/index.ts and src/advanced.ts). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  core: ['errors'],
  adapters: ['core', 'errors'],
  pacer: ['core', 'errors'],
  retry: ['pacer', 'core', 'errors'],
  integrations: ['retry', 'pacer', 'core', 'errors'],
  otel: ['retry', 'pacer', 'errors', 'core'],
  testing: ['adapters', 'pacer', 'core', 'errors'],
  redis: ['pacer', 'core', 'errors'],
  cli: ['adapters', 'core', 'errors'],
  entry: ['retry', 'pacer', 'core', 'errors'],
};

/** Client libraries: only their own integration folder may name them. */
const CLIENTS: Readonly<Record<string, string>> = { axios: 'src/integrations/axios', ky: 'src/integrations/ky' };

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

function layerOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'adapters') return 'adapters';
  return parts.length === 2 ? 'entry' : parts[1]!;
}

/** Every specifier a file imports or re-exports, static or dynamic. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(
    /^\s*(?:import|export)\b[^'";]*?\bfrom\s*'([^']+)'|^\s*import\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm,
  )) {
    found.push((m[1] ?? m[2] ?? m[3])!);
  }
  return found;
}

const files = [...sources('src'), ...sources('adapters')];
const edges = new Map<string, string[]>();
const clientImports: string[] = [];
for (const file of files) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const spec of specifiers(text)) {
    if (!spec.startsWith('.')) {
      const client = spec.split('/')[0]!;
      if (client in CLIENTS && !file.startsWith(CLIENTS[client]!)) clientImports.push(`${file} imports ${spec}`);
      continue;
    }
    const target = normalize(join(dirname(file), spec));
    const from = layerOf(file);
    const to = layerOf(target);
    if (from === to) continue;
    const key = `${from} -> ${to}`;
    edges.set(key, [...(edges.get(key) ?? []), `${file} -> ${target}`]);
  }
}

describe('imports point one way (ARCHITECTURE.md)', () => {
  it('sees the tree: every layer has files, and files import each other', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const layer of ['errors', 'core', 'adapters', 'retry', 'pacer', 'integrations']) {
      expect(
        files.some((f) => layerOf(f) === layer),
        layer,
      ).toBe(true);
    }
    expect(edges.get('core -> errors')?.length).toBeGreaterThan(0);
  });

  it('every arrow between folders is one the map draws', () => {
    const wrong = [...edges].filter(([key]) => {
      const [from, to] = key.split(' -> ') as [string, string];
      return !(ALLOWED[from] ?? []).includes(to);
    });
    expect(wrong.map(([key, lines]) => `${key}: ${lines.join(', ')}`)).toEqual([]);
  });

  it('errors/ imports nothing outside itself, so the hierarchy sits under everything', () => {
    expect([...edges.keys()].filter((k) => k.startsWith('errors ->'))).toEqual([]);
  });

  it('axios and ky are imported only by their own integration', () => {
    expect(clientImports).toEqual([]);
  });
});
