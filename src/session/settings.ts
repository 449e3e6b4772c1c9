/**
 * Session settings: SET / SHOW / RESET, with Redshift's defaults. search_path decides where
 * unqualified names are looked up; current_setting() reads them.
 *
 * Names Slicewise does not know are still accepted (drivers set PostgreSQL parameters Redshift takes
 * quietly), stored and shown, with a NOTICE that they change nothing. A two-part name
 * (`app.tenant`) is a session context variable, as in Redshift: stored, no notice.
 *
 * Settings follow transactions as PostgreSQL's do (checked against PostgreSQL 15): SET inside a
 * transaction block lasts past its COMMIT and is undone by its ROLLBACK; SET LOCAL lasts to the end
 * of the block either way, and outside a block only warns (25P01) and does nothing; a SET after a
 * SET LOCAL of the same name replaces it, a SET LOCAL after a SET covers it until the block ends.
 */
import type { Batch } from '../exec/spec.js';
import { unrecognizedSetting } from '../plan/index.js';
import type * as ast from '../sql/ast.js';
import { varcharType, type Notice, type SqlType } from '../types/index.js';

const DEFAULTS: ReadonlyMap<string, string> = new Map([
  ['search_path', '$user, public'],
  ['timezone', 'UTC'],
  ['datestyle', 'ISO, MDY'],
  ['statement_timeout', '0'],
  ['query_group', 'default'],
  ['enable_result_cache_for_session', 'on'],
  ['analyze_threshold_percent', '10'],
  ['extra_float_digits', '0'],
  ['client_encoding', 'UTF8'],
  ['server_version', '8.0.2'],
  ['standard_conforming_strings', 'on'],
  ['application_name', ''],
  ['describe_field_name_in_uppercase', 'off'],
  ['enable_case_sensitive_identifier', 'off'],
  ['wlm_query_slot_count', '1'],
  ['max_concurrency_scaling_clusters', '1'],
  ['transaction_isolation', 'serializable'],
]);

export interface SettingResult {
  readonly command: string;
  readonly notices: readonly Notice[];
  readonly rows?: { readonly batch: Batch; readonly names: readonly string[]; readonly types: readonly SqlType[] };
}

export class SessionSettings {
  private values = new Map<string, string>();
  /** SET LOCAL values of the open transaction block (null: LOCAL ... TO DEFAULT). */
  private readonly local = new Map<string, string | null>();
  /** The session's values when the open transaction block began (null: no block). */
  private atBlockStart: Map<string, string> | null = null;

  get(name: string): string | undefined {
    if (this.local.has(name)) return this.local.get(name) ?? DEFAULTS.get(name);
    return this.values.get(name) ?? DEFAULTS.get(name);
  }

  /** A transaction block begins (BEGIN, or a multi-statement text's implicit block). */
  beginBlock(): void {
    this.atBlockStart = new Map(this.values);
  }

  /** The block ends: SET LOCAL values go either way; a rollback also undoes the block's SETs. */
  endBlock(committed: boolean): void {
    if (this.atBlockStart === null) return;
    if (!committed) this.values = this.atBlockStart;
    this.atBlockStart = null;
    this.local.clear();
  }

  /** The schemas of search_path, `$user` expanded (and dropped when no such schema exists — the catalog decides). */
  searchPath(user: string): string[] {
    return (this.get('search_path') ?? '')
      .split(',')
      .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
      .filter((s) => s.length > 0)
      .map((s) => (s === '$user' ? user : s.toLowerCase()));
  }

  handle(stmt: ast.SetStatement | ast.ShowStatement | ast.ResetStatement, _user: string): SettingResult {
    switch (stmt.kind) {
      case 'set': {
        const name = normalize(stmt.name);
        if (stmt.local && this.atBlockStart === null) {
          return { command: 'SET', notices: [{ severity: 'WARNING', code: '25P01', message: 'SET LOCAL can only be used in transaction blocks' }] };
        }
        const value = stmt.values.length === 1 && stmt.values[0] === 'default' ? undefined : stmt.values.join(', ');
        if (stmt.local) this.local.set(name, value ?? null);
        else {
          this.local.delete(name);
          if (value === undefined) this.values.delete(name);
          else this.values.set(name, value);
        }
        const known = DEFAULTS.has(name) || CONTEXT_VARIABLE.test(name);
        const notices: Notice[] = known
          ? []
          : [{ severity: 'NOTICE', code: '00000', message: `"${name}" is not a configuration parameter Slicewise emulates: it is stored (SHOW and current_setting read it) and changes nothing` }];
        return { command: 'SET', notices };
      }
      case 'reset':
        if (stmt.name === 'all') {
          this.values.clear();
          this.local.clear();
        } else {
          const name = normalize(stmt.name);
          this.values.delete(name);
          this.local.delete(name);
        }
        return { command: 'RESET', notices: [] };
      case 'show': {
        const name = normalize(stmt.name);
        if (name === 'all') {
          const names = [...new Set([...DEFAULTS.keys(), ...this.values.keys(), ...this.local.keys()])].sort();
          return { command: 'SHOW', notices: [], rows: table(['name', 'setting'], [names, names.map((n) => this.get(n) ?? '')]) };
        }
        const value = this.get(name);
        if (value === undefined) throw unrecognizedSetting(stmt.name, stmt.pos);
        return { command: 'SHOW', notices: [], rows: table([name], [[value]]) };
      }
    }
  }
}

/** A session context variable's name: two identifiers joined by one dot. */
const CONTEXT_VARIABLE = /^[a-z_][a-z0-9_$]*\.[a-z_][a-z0-9_$]*$/;

/** The name a setting is stored under. */
export function normalize(name: string): string {
  return name === 'time zone' || name === 'time_zone' ? 'timezone' : name;
}

function table(names: string[], columns: string[][]): NonNullable<SettingResult['rows']> {
  return { batch: { columns, rowCount: columns[0]?.length ?? 0 }, names, types: names.map(() => varcharType(65535)) };
}
