/** Catalog helpers clients call on plain values: PG_ENCODING_TO_CHAR and PG_SIZE_PRETTY. */
import { varcharType } from './datatype.js';
import { defineFunction } from './signatures.js';

/**
 * Encoding names by pg_database.encoding code. Redshift's leader is PostgreSQL 8.0, which names UTF-8
 * `UNICODE` (its server_encoding says so too); an unknown code gives '', as in PostgreSQL.
 */
const ENCODING_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'SQL_ASCII'],
  [6, 'UNICODE'],
]);

defineFunction('pg_encoding_to_char', [{ params: ['int4'], returns: varcharType(64), fn: (code) => ENCODING_NAMES.get(code as number) ?? '' }]);

/** PostgreSQL's halving with rounding away from zero (its half_rounded macro). */
function halfRounded(n: bigint): bigint {
  return (n + (n < 0n ? -1n : 1n)) / 2n;
}

/** PG_SIZE_PRETTY(bytes): bytes below 10 kB, then kB, MB, GB, TB, PB, each rounded as PostgreSQL does. */
export function sizePretty(bytes: bigint): string {
  const limit = 10n * 1024n;
  const limit2 = limit * 2n - 1n;
  const abs = (n: bigint): bigint => (n < 0n ? -n : n);
  if (abs(bytes) < limit) return `${bytes} bytes`;
  // One extra bit kept for rounding.
  let size = bytes >> 9n;
  for (const unit of ['kB', 'MB', 'GB', 'TB']) {
    if (abs(size) < limit2) return `${halfRounded(size)} ${unit}`;
    size >>= 10n;
  }
  return `${halfRounded(size)} PB`;
}

defineFunction('pg_size_pretty', [{ params: ['int8'], returns: varcharType(32), fn: (n) => sizePretty(BigInt(n as bigint)) }]);
