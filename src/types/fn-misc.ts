/** Functions that are neither numeric nor string: NULLIF, GREATEST/LEAST, VERSION. */
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  INTERVAL,
  REAL,
  SMALLINT,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  charType,
  decimalType,
  shortTypeName,
  varcharType,
  type SqlType,
} from './datatype.js';
import { commonType } from './cast.js';
import { compareValues } from './compare.js';
import { registerImplementation } from './registry.js';
import { defineCustom, defineFunction } from './signatures.js';
import { VERSION_TEXT } from './version.js';

/** One type of each kind: NULLIF's comparison depends only on the kind (DECIMAL operands share a scale). */
const ONE_OF_EACH_KIND: readonly SqlType[] = [
  SMALLINT, INTEGER, BIGINT, decimalType(38, 0), REAL, DOUBLE, BOOLEAN, charType(1), varcharType(1),
  DATE, TIMESTAMP, TIMESTAMPTZ, TIME, INTERVAL,
];

for (const t of ONE_OF_EACH_KIND) {
  // Not strict: NULLIF(NULL, x) is NULL, NULLIF(a, NULL) is a. Equality ignores trailing blanks.
  registerImplementation(`nullif(${shortTypeName(t)})`, (a, b) => (a === null ? null : b === null ? a : compareValues(t, a, b) === 0 ? null : a), false);
}

defineCustom('nullif', (args) => {
  if (args.length !== 2) return null;
  let t = commonType(args, 'NULLIF');
  // An untyped literal beside a CHAR(n)/VARCHAR(n) keeps its own length: the result is text.
  if ((t.kind === 'char' || t.kind === 'varchar') && args.some((a) => a.kind === 'unknown')) t = varcharType(65535);
  return { id: `nullif(${shortTypeName(t)})`, type: t, argTypes: [t, t] };
});

// GREATEST / LEAST: any number of arguments of one common type; NULLs are ignored (NULL only when all are).
for (const [name, sign] of [['greatest', 1], ['least', -1]] as const) {
  for (const t of ONE_OF_EACH_KIND) {
    registerImplementation(`${name}(${shortTypeName(t)})`, (...args) => {
      let best: unknown = null;
      for (const v of args) if (v !== null && (best === null || sign * compareValues(t, v, best) > 0)) best = v;
      return best;
    }, false);
  }
  defineCustom(name, (args) => {
    if (args.length === 0) return null;
    const t = commonType(args, name.toUpperCase());
    return { id: `${name}(${shortTypeName(t)})`, type: t, argTypes: args.map(() => t) };
  });
}

defineFunction('version', [{ params: [], returns: varcharType(256), fn: () => VERSION_TEXT }]);

/**
 * SLICE_NUM(): the slice the row is on. The leader gives each task its slice's number in the call's
 * place (leader/slice-number.ts); evaluated anywhere else — on the leader, with no table — it is NULL.
 */
export const SLICE_NUM_ID = 'slice_num()';
defineFunction('slice_num', [{ params: [], returns: INTEGER, strict: false, fn: () => null }]);
