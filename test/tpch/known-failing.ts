/**
 * TPC-H queries Slicewise cannot answer correctly yet, each with the reason (the error it raises or
 * what goes wrong). tpch.test.ts runs these with `test.fails`, so a query that starts passing fails
 * the suite until it is taken off this list.
 */
export const KNOWN_FAILING: Readonly<Partial<Record<string, string>>> = {};
