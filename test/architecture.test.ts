/**
 * The folders' import rules: ARCHITECTURE.md's table ("what may import what", downwards and through
 * the folders a folder may import), with the amendments README.md's "Architecture" section lists and
 * gives reasons for. A new import across folders either fits them or comes with its amendment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** ARCHITECTURE.md's table; `index.ts` is the public API's file. */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  'index.ts': ['cluster'],
  cluster: ['session', 'leader', 'catalog', 'storage'],
  session: ['sql', 'plan', 'leader', 'commands'],
  commands: ['leader', 'io', 'catalog', 'storage'],
  leader: ['plan', 'catalog', 'storage'],
  compute: ['exec', 'storage', 'io'],
  plan: ['sql', 'types', 'catalog'],
  exec: ['types', 'storage'],
  catalog: ['types'],
  storage: ['types'],
  io: ['types'],
  sql: [],
  types: [],
  server: ['index.ts'],
  cli: ['index.ts', 'server'],
};

/** README's folder-level amendments: `types/` from everywhere, the leader runs exec's operators, `testing/` is like `cli/`. */
const AMENDED: Readonly<Record<string, readonly string[]>> = {
  leader: ['exec'],
  testing: ['index.ts', 'server'],
};

/** README's file-level amendments: type-only contracts named across folders. */
const TYPE_CONTRACTS: readonly { readonly from: string; readonly to: string }[] = [
  { from: 'plan/', to: 'exec/spec.ts' },
  { from: 'exec/copy-task.ts', to: 'io/' },
  { from: 'leader/load-log.ts', to: 'io/convert/contract.ts' },
];

function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : file;
}

/** The folders `folder` may import, directly or through the folders it may import. */
function reachable(folder: string): Set<string> {
  const seen = new Set<string>(['types']);
  const visit = (f: string): void => {
    for (const next of [...(MAY_IMPORT[f] ?? []), ...(AMENDED[f] ?? [])]) {
      if (seen.has(next)) continue;
      seen.add(next);
      visit(next);
    }
  };
  visit(folder);
  return seen;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  readonly file: string;
  readonly target: string;
  readonly typeOnly: boolean;
}

function importsOf(path: string): Import[] {
  const text = readFileSync(path, 'utf8');
  const file = relative(SRC, path);
  const out: Import[] = [];
  for (const m of text.matchAll(/^(import|export)(\s+type)?\b[^;]*?from\s+'(\.[^']+)'/gms)) {
    const target = relative(SRC, resolve(dirname(path), m[3]!)).replace(/\.js$/, '.ts');
    out.push({ file, target, typeOnly: m[1] === 'import' && m[2] !== undefined });
  }
  return out;
}

describe('import rules (ARCHITECTURE.md, with README.md\'s amendments)', () => {
  it('every import across folders goes where the map allows', () => {
    const breaches: string[] = [];
    for (const path of sourceFiles(SRC)) {
      for (const imp of importsOf(path)) {
        const from = folderOf(imp.file);
        const to = folderOf(imp.target);
        if (from === to || reachable(from).has(to)) continue;
        const contract = TYPE_CONTRACTS.some((c) => imp.typeOnly && imp.file.startsWith(c.from) && imp.target.startsWith(c.to));
        if (!contract) breaches.push(`${imp.file} -> ${imp.target}${imp.typeOnly ? ' (type only)' : ''}`);
      }
    }
    expect(breaches).toEqual([]);
  });

  it('sees the imports it checks (a breach would be found)', () => {
    const imports = sourceFiles(SRC).flatMap(importsOf);
    expect(imports.length).toBeGreaterThan(500);
    expect(imports).toContainEqual({ file: 'exec/copy-task.ts', target: 'io/load-options.ts', typeOnly: true });
    expect(reachable('storage').has('plan')).toBe(false);
    expect(reachable('session').has('exec')).toBe(true);
  });
});
