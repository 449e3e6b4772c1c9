/**
 * Session settings: SET / SHOW / RESET, with Redshift's defaults. search_path decides where
 * unqualified names are looked up; current_setting() reads them.
 *
 * Names Slicewise does not know are still accepted (drivers set PostgreSQL parameters Redshift takes
 * quietly), stored and shown, with a NOTICE that they change nothing. A two-part name
 * (`app.tenant`) is a session context variable, as in Redshift: stored, no notice.
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
  private readonly values = new Map<string, string>();

  get(name: string): string | undefined {
    return this.values.get(name) ?? DEFAULTS.get(name);
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
        if (stmt.values.length === 1 && stmt.values[0] === 'default') this.values.delete(name);
        else this.values.set(name, stmt.values.join(', '));
        const known = DEFAULTS.has(name) || CONTEXT_VARIABLE.test(name);
        const notices: Notice[] = known
          ? []
          : [{ severity: 'NOTICE', code: '00000', message: `"${name}" is not a configuration parameter Slicewise emulates: it is stored (SHOW and current_setting read it) and changes nothing` }];
        return { command: 'SET', notices };
      }
      case 'reset':
        if (stmt.name === 'all') this.values.clear();
        else this.values.delete(normalize(stmt.name));
        return { command: 'RESET', notices: [] };
      case 'show': {
        const name = normalize(stmt.name);
        if (name === 'all') {
          const names = [...new Set([...DEFAULTS.keys(), ...this.values.keys()])].sort();
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
