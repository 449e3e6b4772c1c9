/**
 * Tab completion for the REPL: meta-commands and their arguments, file names after `\i` and `\o`,
 * relation names where a relation comes (after FROM, JOIN, ..., and `\d`), columns of the tables
 * the statement names (also as `alias.column`), and keywords — in upper case when the word being
 * completed is. Names come from the catalog through SQL, cached until a statement changes them.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { DESCRIBE_COMMANDS } from './describe.js';
import { META_ARGUMENTS, META_COMMANDS, RELATION_CONTEXT, SQL_KEYWORDS } from './completion-words.js';
import { endsInsideLiteral } from './input.js';
import type { Shell } from './shell.js';

interface CatalogRelation {
  readonly schema: string;
  readonly name: string;
  readonly visible: boolean;
  readonly columns: string[];
}

const NAMES_SQL = `select n.nspname, c.relname, pg_catalog.pg_table_is_visible(c.oid), a.attname
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_attribute a on a.attrelid = c.oid
where c.relkind in ('r', 'v') and a.attnum > 0
order by 1, 2, a.attnum`;

/** Statement results that cannot have changed any name: no need to read the catalog again. */
const KEEPS_NAMES = /^(SELECT|INSERT|UPDATE|DELETE|COPY|SHOW|SET|BEGIN|COMMIT|ROLLBACK|START|END|EXPLAIN|ANALYZE|VACUUM|FETCH)\b/;

export type Completion = [string[], string];

export class Completer {
  private relations: CatalogRelation[] | undefined;

  constructor(
    private readonly shell: Shell,
    /** The statement typed on earlier lines (its tables' columns are offered). */
    private readonly pendingText: () => string,
  ) {}

  /** After a statement succeeds: forget the names if it may have changed them. */
  noteCommand(commandTag: string): void {
    if (!KEEPS_NAMES.test(commandTag)) this.relations = undefined;
  }

  async complete(line: string): Promise<Completion> {
    const meta = /^\s*(\\\S*)(\s+.*)?$/s.exec(line);
    if (meta) return this.completeMeta(meta[1]!, meta[2]);
    const word = /[\w$."]*$/.exec(line)![0];
    const before = line.slice(0, line.length - word.length);
    const context = `${this.pendingText()}\n${before}`;
    // Inside a string or comment there is nothing to offer.
    if (endsInsideLiteral(context)) return [[], word];
    return [await this.sqlCandidates(context, word), word];
  }

  private async completeMeta(command: string, rest: string | undefined): Promise<Completion> {
    if (rest === undefined) return [META_COMMANDS.filter((c) => c.startsWith(command)), command];
    const word = /\S*$/.exec(rest)![0];
    const name = command.slice(1);
    if (name === 'i' || name === 'o' || name === 'include' || name === 'out') return [fileCandidates(word), word];
    if (DESCRIBE_COMMANDS.includes(name)) return [await this.relationCandidates(word), word];
    const fixed = META_ARGUMENTS[name];
    return fixed ? [fixed.filter((a) => a.startsWith(word)), word] : [[], word];
  }

  private async loadRelations(): Promise<CatalogRelation[]> {
    // Never queue behind a running statement (type-ahead); offer what is cached.
    if (this.relations || this.shell.busy) return this.relations ?? [];
    try {
      const rows = (await this.shell.connection.query(NAMES_SQL)).rows;
      const byName = new Map<string, CatalogRelation>();
      for (const [schema, name, visible, column] of rows) {
        const key = `${schema}.${name}`;
        let r = byName.get(key);
        if (!r) byName.set(key, (r = { schema: schema ?? '', name: name ?? '', visible: visible === 't', columns: [] }));
        if (column) r.columns.push(column);
      }
      this.relations = [...byName.values()];
    } catch {
      // e.g. a failed transaction block: complete keywords only.
      return [];
    }
    return this.relations;
  }

  /** Relation names for `word`: visible ones bare, any as schema.name, and schema names to go on from. */
  private async relationCandidates(word: string): Promise<string[]> {
    const relations = await this.loadRelations();
    const lower = word.toLowerCase();
    const names = new Set<string>();
    for (const r of relations) {
      if (r.visible) names.add(r.name);
      names.add(`${r.schema}.${r.name}`);
      if (!word.includes('.')) names.add(`${r.schema}.`);
    }
    return [...names].filter((n) => n.startsWith(lower)).sort();
  }

  private async sqlCandidates(context: string, word: string): Promise<string[]> {
    const previous = /([A-Za-z_]+)\s*$/.exec(context)?.[1]?.toLowerCase();
    if (previous !== undefined && RELATION_CONTEXT.has(previous)) return this.relationCandidates(word);

    const relations = await this.loadRelations();
    const lower = word.toLowerCase();
    const dot = word.lastIndexOf('.');
    if (dot >= 0) {
      // schema.relation, or table/alias.column
      const head = lower.slice(0, dot);
      const tail = lower.slice(dot + 1);
      const out = new Set<string>();
      for (const r of relations) if (r.schema === head && r.name.startsWith(tail)) out.add(`${word.slice(0, dot + 1)}${r.name}`);
      for (const r of this.mentioned(context, relations, head)) for (const c of r.columns) if (c.startsWith(tail)) out.add(`${word.slice(0, dot + 1)}${c}`);
      return [...out].sort();
    }

    const upper = word !== '' && word === word.toUpperCase() && /[A-Z]/.test(word);
    const keywords = SQL_KEYWORDS.filter((k) => k.startsWith(lower)).map((k) => (upper ? k.toUpperCase() : k));
    const columns = this.mentioned(context, relations).flatMap((r) => r.columns);
    const visible = relations.filter((r) => r.visible).map((r) => r.name);
    const names = [...new Set([...columns, ...visible])].filter((n) => n.startsWith(lower));
    return [...new Set([...keywords, ...names.sort()])];
  }

  /**
   * The relations a statement names after FROM/JOIN/UPDATE/INTO (with their aliases); with
   * `qualifier`, only the one that name or alias refers to.
   */
  private mentioned(context: string, relations: readonly CatalogRelation[], qualifier?: string): CatalogRelation[] {
    const out: CatalogRelation[] = [];
    const re = /\b(?:from|join|update|into)\s+([\w$]+(?:\.[\w$]+)?)(?:\s+(?:as\s+)?([\w$]+))?/gi;
    for (const m of context.matchAll(re)) {
      const named = m[1]!.toLowerCase();
      const alias = m[2]?.toLowerCase();
      const [schema, name] = named.includes('.') ? named.split('.') : [undefined, named];
      const r = relations.find((x) => x.name === name && (schema === undefined ? x.visible : x.schema === schema));
      if (!r) continue;
      if (qualifier === undefined || qualifier === name || qualifier === named || qualifier === alias) out.push(r);
    }
    return out;
  }
}

/** File and directory names for `\i` / `\o` (directories end in /). */
function fileCandidates(word: string): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = word.slice(0, slash + 1);
  const prefix = word.slice(slash + 1);
  const dir = dirPart === '' ? '.' : dirPart.startsWith('~/') ? join(homedir(), dirPart.slice(2)) : dirPart;
  try {
    return readdirSync(dir)
      .filter((f) => f.startsWith(prefix) && (prefix.startsWith('.') || !f.startsWith('.')))
      .map((f) => `${dirPart}${f}${isDirectory(join(dir, f)) ? '/' : ''}`)
      .sort();
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
