/**
 * Random inputs over each format's special bytes, split at random places: the result must not depend on
 * where chunks end. A record that spans chunks goes through the carry and the slow parser, so this also
 * checks that the fast path and the slow path agree.
 */
import { describe, expect, it } from 'vitest';
import type { DataFormat } from '../../../src/io/load-options.js';
import { CSV, type Run, split, TEXT } from './helpers.js';

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInput(next: () => number, alphabet: readonly string[], length: number): Uint8Array {
  const text = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
  return new TextEncoder().encode(text);
}

function randomCuts(next: () => number, length: number): number[] {
  const count = Math.floor(next() * 6);
  return Array.from({ length: count }, () => Math.floor(next() * (length + 1))).sort((a, b) => a - b);
}

const cases: { name: string; format: DataFormat; alphabet: string[]; run?: Run }[] = [
  { name: 'text', format: TEXT, alphabet: ['a', 'bc', '|', '|', '\n', '\n', '\r', '\\', '"', '\0', 'é'] },
  { name: 'text ESCAPE', format: { ...TEXT, escape: true }, alphabet: ['a', 'N', '|', '\n', '\\', '\\', '\r', '\0', "'"] },
  { name: 'text REMOVEQUOTES', format: { ...TEXT, removeQuotes: true }, alphabet: ['a', '|', '|', '\n', '"', "'", '"', ' '] },
  { name: 'text ESCAPE REMOVEQUOTES', format: { ...TEXT, escape: true, removeQuotes: true }, alphabet: ['a', '|', '\n', '"', "'", '\\', '\\'] },
  { name: 'text IGNOREHEADER IGNOREBLANKLINES', format: TEXT, alphabet: ['a', '|', '\n', '\n', '\n'], run: { records: { ignoreHeader: 2, ignoreBlankLines: true } } },
  { name: 'CSV', format: CSV, alphabet: ['a', ',', ',', '\n', '\r', '"', '"', ' ', '\t', '\0'] },
  { name: 'CSV tab-delimited IGNOREBLANKLINES', format: { ...CSV, delimiter: 0x09 }, alphabet: ['a', '\t', '\n', '\r\n', '"', ' '], run: { records: { ignoreBlankLines: true } } },
  { name: 'CSV NULL AS \\0', format: CSV, alphabet: ['a', ',', '\n', '"', '\0'], run: { options: { nulIsData: true } } },
  { name: 'fixed width', format: { kind: 'fixedwidth', columns: [{ label: 'a', width: 2 }, { label: 'b', width: 3 }] }, alphabet: ['a', 'é', '日', '\n', '\0', '\r'] },
  { name: 'JSON auto', format: { kind: 'json', mode: 'auto' }, alphabet: ['{', '}', '[', ']', '"a"', '"b"', ':', ',', '1', ' ', '\n', '"', '\\', 'x', 'null'], run: { fieldNames: ['a', 'b'] } },
  { name: 'JSON jsonpaths', format: { kind: 'json', mode: 'jsonpaths', paths: ['$[0]', '$.a[1]'] }, alphabet: ['{', '}', '[', ']', '"a"', ':', ',', '1', ' ', '\n', '"\\n"'], run: { fieldNames: ['x', 'y'] } },
];

describe('chunk boundaries do not change the result (random inputs)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const next = random(c.name.length * 7919);
      for (let round = 0; round < 300; round++) {
        const input = randomInput(next, c.alphabet, 1 + Math.floor(next() * 60));
        const whole = split(c.format, input, c.run);
        const cuts = randomCuts(next, input.length);
        expect(split(c.format, input, c.run, cuts), `${JSON.stringify(new TextDecoder().decode(input))} cut at ${cuts.join(',')}`).toEqual(whole);
      }
    });
  }
});
