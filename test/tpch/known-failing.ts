/**
 * TPC-H queries Slicewise cannot answer correctly yet, each with the reason (the error it raises or
 * what goes wrong). tpch.test.ts runs these with `test.fails`, so a query that starts passing fails
 * the suite until it is taken off this list.
 */
export const KNOWN_FAILING: Readonly<Partial<Record<string, string>>> = {
  // 100.00 * DECIMAL(38,4) / DECIMAL(38,4): the typing rules of reference §7.2 ask for more than 38
  // digits, which Redshift caps where Slicewise raises 22003.
  Q14: 'Numeric data overflow (result precision)',
};
