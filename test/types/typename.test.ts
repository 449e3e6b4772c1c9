import { describe, expect, it } from 'vitest';
import { typeFromName, type SqlType } from '../../src/types/index.js';
import { expectSqlError } from './helpers.js';

describe('typeFromName', () => {
  const cases: [string, (number | 'max')[], SqlType][] = [
    ['int2', [], { kind: 'smallint' }],
    ['SMALLINT', [], { kind: 'smallint' }],
    ['int', [], { kind: 'integer' }],
    ['integer', [], { kind: 'integer' }],
    ['int4', [], { kind: 'integer' }],
    ['int8', [], { kind: 'bigint' }],
    ['bigint', [], { kind: 'bigint' }],
    ['decimal', [], { kind: 'decimal', precision: 18, scale: 0 }],
    ['numeric', [8, 2], { kind: 'decimal', precision: 8, scale: 2 }],
    ['numeric', [38], { kind: 'decimal', precision: 38, scale: 0 }],
    ['real', [], { kind: 'real' }],
    ['float4', [], { kind: 'real' }],
    ['double precision', [], { kind: 'double' }],
    ['double   precision', [], { kind: 'double' }],
    ['float8', [], { kind: 'double' }],
    ['float', [], { kind: 'double' }],
    ['bool', [], { kind: 'boolean' }],
    ['boolean', [], { kind: 'boolean' }],
    ['char', [], { kind: 'char', length: 1 }],
    ['character', [10], { kind: 'char', length: 10 }],
    ['nchar', [3], { kind: 'char', length: 3 }],
    ['bpchar', [], { kind: 'char', length: 256 }],
    ['char', ['max'], { kind: 'char', length: 4096 }],
    ['varchar', [], { kind: 'varchar', length: 256 }],
    ['character varying', [30], { kind: 'varchar', length: 30 }],
    ['nvarchar', [5], { kind: 'varchar', length: 5 }],
    ['text', [], { kind: 'varchar', length: 256 }],
    ['varchar', ['max'], { kind: 'varchar', length: 65535 }],
    ['date', [], { kind: 'date' }],
    ['timestamp', [], { kind: 'timestamp' }],
    ['timestamp without time zone', [], { kind: 'timestamp' }],
    ['timestamptz', [], { kind: 'timestamptz' }],
    ['timestamp with time zone', [], { kind: 'timestamptz' }],
    ['time', [], { kind: 'time' }],
    ['time without time zone', [], { kind: 'time' }],
    ['interval', [], { kind: 'interval' }],
  ];
  it.each(cases)('%s(%j)', (name, args, expected) => {
    expect(typeFromName(name, args)).toEqual(expected);
  });

  it('rejects bad modifiers like PostgreSQL', () => {
    expectSqlError(() => typeFromName('numeric', [40]), '22023', 'NUMERIC precision 40 must be between 1 and 38');
    expectSqlError(() => typeFromName('numeric', [0]), '22023', 'NUMERIC precision 0 must be between 1 and 38');
    expectSqlError(() => typeFromName('numeric', [5, 6]), '22023', 'NUMERIC scale 6 must be between 0 and precision 5');
    expectSqlError(() => typeFromName('char', [4097]), '22023', 'length for type char cannot exceed 4096');
    expectSqlError(() => typeFromName('varchar', [65536]), '22023', 'length for type varchar cannot exceed 65535');
    expectSqlError(() => typeFromName('varchar', [0]), '22023', 'length for type varchar must be at least 1');
    expectSqlError(() => typeFromName('int', [5]), '42601', 'type modifier is not allowed for type "int"');
  });

  it('rejects unknown and unsupported types', () => {
    expectSqlError(() => typeFromName('foo', []), '42704', 'type "foo" does not exist');
    const serial = expectSqlError(() => typeFromName('serial', []), '0A000', 'type "serial" is not supported');
    expect(serial.hint).toBe('Use IDENTITY.');
    expectSqlError(() => typeFromName('json', []), '0A000');
    expectSqlError(() => typeFromName('uuid', []), '0A000');
    expectSqlError(() => typeFromName('int[]', []), '0A000');
  });
});
