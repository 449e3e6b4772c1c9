/** renameReferences (sql/rename-refs.ts): only the named references' last parts change; the rest of the text stays as written. */
import { describe, expect, it } from 'vitest';
import { parseStatement, relationRefs, renameReferences } from '../../src/sql/index.js';

/** The text with every FROM reference named `from` renamed to `to`. */
function renamed(text: string, from: string, to: string): string {
  const stmt = parseStatement(text);
  if (stmt.kind !== 'query') throw new Error('not a query');
  const starts = relationRefs(stmt.query).tables.filter((t) => t.name.name === from).map((t) => t.name.pos);
  return renameReferences(text, starts, to);
}

describe('renameReferences', () => {
  it('renames plain, schema-qualified and quoted references, keeping the schema, aliases, comments and spacing', () => {
    expect(renamed('select a from t', 't', 'u')).toBe('select a from u');
    expect(renamed('SELECT x.a\n  FROM public.t AS x, "public"."T" y -- t stays here', 't', 'u')).toBe('SELECT x.a\n  FROM public.u AS x, "public".u y -- t stays here');
    expect(renamed('select 1 from t where exists (select 1 from t t2)', 't', 'New Name')).toBe('select 1 from "New Name" where exists (select 1 from "New Name" t2)');
  });

  it('leaves a reference it was not asked about alone', () => {
    expect(renamed('select 1 from t join tt on true', 'tt', 'v')).toBe('select 1 from t join v on true');
  });
});
