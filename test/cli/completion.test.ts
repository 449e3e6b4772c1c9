/** Tab completion: keywords, relations after FROM and \d, columns of the statement's tables, aliases. */
import { describe, expect, test } from 'vitest';
import { Completer } from '../../src/cli/completion.js';
import { FakeConnection, fakeShell } from './fake.js';

/** A catalog of two visible tables and one in another schema, as the completer's query returns it. */
function catalog(sql: string) {
  if (!sql.includes('pg_attribute')) return undefined;
  const rows = [
    ['public', 'venue', 't', 'venueid'],
    ['public', 'venue', 't', 'venuename'],
    ['public', 'event', 't', 'eventid'],
    ['public', 'event', 't', 'eventname'],
    ['public', 'event', 't', 'venueid'],
    ['s2', 'verses', 'f', 'verse'],
  ];
  return { commandTag: 'SELECT 6', columns: [], rows };
}

function completer(pending = '') {
  const f = fakeShell(new FakeConnection(catalog));
  return { completer: new Completer(f.shell, () => pending), connection: f.connection };
}

describe('completion', () => {
  test('keywords, in upper case when typed so', async () => {
    const { completer: c } = completer();
    expect(await c.complete('sel')).toEqual([['select'], 'sel']);
    expect(await c.complete('SEL')).toEqual([['SELECT'], 'SEL']);
  });

  test('relations after FROM / JOIN, schema-qualified ones too', async () => {
    const { completer: c } = completer();
    expect(await c.complete('select * from ve')).toEqual([['venue'], 've']);
    expect(await c.complete('select * from venue v join e')).toEqual([['event'], 'e']);
    expect(await c.complete('select * from s2.v')).toEqual([['s2.verses'], 's2.v']);
    expect((await c.complete('select * from '))[0]).toEqual(expect.arrayContaining(['event', 'venue', 'public.', 's2.']));
  });

  test('columns of the tables the statement names, by alias too, also from earlier lines', async () => {
    const { completer: c } = completer('select *\nfrom event e');
    expect(await c.complete('where e.ev')).toEqual([['e.eventid', 'e.eventname'], 'e.ev']);
    expect(await c.complete('where event')).toEqual([['event', 'eventid', 'eventname'], 'event']);
    const { completer: d } = completer();
    // readline hands over the text before the cursor: a FROM typed later is not known yet.
    expect(await d.complete('select venuen')).toEqual([[], 'venuen']);
  });

  test('nothing inside a string', async () => {
    const { completer: c } = completer();
    expect(await c.complete("select 'sel")).toEqual([[], 'sel']);
  });

  test('meta-commands, their arguments, relation names after \\d', async () => {
    const { completer: c } = completer();
    expect((await c.complete('\\t'))[0]).toEqual(['\\tickit', '\\timing']);
    expect(await c.complete('\\x a')).toEqual([['auto'], 'a']);
    expect(await c.complete('\\d+ ev')).toEqual([['event'], 'ev']);
  });

  test('the catalog is read once, and again after DDL', async () => {
    const { completer: c, connection } = completer();
    await c.complete('select * from v');
    await c.complete('select * from e');
    c.noteCommand('INSERT 0 1');
    await c.complete('select * from e');
    expect(connection.statements).toHaveLength(1);
    c.noteCommand('CREATE TABLE');
    await c.complete('select * from e');
    expect(connection.statements).toHaveLength(2);
  });
});
