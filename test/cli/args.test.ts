/** Command-line options and psql's name patterns. */
import { describe, expect, test } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.js';
import { parseNamePattern } from '../../src/cli/name-pattern.js';

describe('options', () => {
  test('embedded by default, with the sample bucket as s3 root', () => {
    const o = parseArgs([], {});
    expect(o).toMatchObject({ target: { kind: 'embedded', nodes: 2, slicesPerNode: 2 }, user: 'awsuser', database: 'dev', actions: [] });
    expect(o !== 'help' && o.target.kind === 'embedded' && o.target.s3Root).toMatch(/fixtures[/\\]s3$/);
  });

  test('-c and -f in order; --flag=value; throughput', () => {
    const o = parseArgs(['-c', 'select 1', '--file=a.sql', '--nodes=3', '--slices-per-node', '1', '--s3-throughput', '25:10'], {});
    expect(o).toMatchObject({
      target: { kind: 'embedded', nodes: 3, slicesPerNode: 1, s3Throughput: { mbPerSecond: 25, latencyMs: 10 } },
      actions: [
        { kind: 'command', text: 'select 1' },
        { kind: 'file', path: 'a.sql' },
      ],
    });
  });

  test('a server connection: psql flags, PG* environment, defaults', () => {
    expect(parseArgs(['-h', 'db', '-p', '5440', '-U', 'alice', '-d', 'shop'], { PGPASSWORD: 'pw' })).toEqual({
      target: { kind: 'remote', host: 'db', port: 5440, password: 'pw' },
      user: 'alice',
      database: 'shop',
      actions: [],
    });
    expect(parseArgs(['--port', '5439', '--password', 'x'], { PGUSER: 'bob', PGDATABASE: 'd' })).toEqual({
      target: { kind: 'remote', host: '127.0.0.1', port: 5439, password: 'x' },
      user: 'bob',
      database: 'd',
      actions: [],
    });
    // The PG* variables are for servers; the embedded cluster keeps Redshift's defaults.
    expect(parseArgs([], { PGUSER: 'bob' })).toMatchObject({ user: 'awsuser' });
  });

  test('mistakes are usage errors', () => {
    expect(() => parseArgs(['--nodes', 'zero'], {})).toThrow(UsageError);
    expect(() => parseArgs(['--nodes', '200'], {})).toThrow('--nodes needs a positive integer up to 128');
    expect(() => parseArgs(['-c'], {})).toThrow('-c needs an SQL text');
    expect(() => parseArgs(['--host', 'h', '--nodes', '2'], {})).toThrow('--nodes applies to the embedded cluster');
    expect(() => parseArgs(['--bogus'], {})).toThrow('unknown argument: --bogus');
    expect(parseArgs(['--help'], {})).toBe('help');
  });
});

describe('name patterns', () => {
  test('wildcards, case folding, schema part, quotes', () => {
    const p = parseNamePattern('Ven*');
    expect(p.schema).toBeUndefined();
    expect(p.name.test('venue')).toBe(true);
    expect(p.name.test('event')).toBe(false);
    expect(parseNamePattern('v?nue').name.test('venue')).toBe(true);
    const q = parseNamePattern('s2.*');
    expect(q.schema?.test('s2')).toBe(true);
    expect(q.name.test('anything')).toBe(true);
    const quoted = parseNamePattern('"My.Table*"');
    expect(quoted.schema).toBeUndefined();
    expect(quoted.name.test('My.Table*')).toBe(true);
    expect(quoted.name.test('my.tablex')).toBe(false);
    expect(parseNamePattern('dev.public.venue').schema?.test('public')).toBe(true);
  });
});
