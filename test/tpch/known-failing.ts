/**
 * TPC-H queries Slicewise cannot answer correctly yet, each with the reason (the error it raises or
 * what goes wrong). tpch.test.ts runs these with `test.fails`, so a query that starts passing fails
 * the suite until it is taken off this list.
 */
export const KNOWN_FAILING: Readonly<Partial<Record<string, string>>> = {
  Q01: 'INTERVAL is not supported yet',
  Q02: 'LIKE is not supported yet',
  Q04: 'INTERVAL is not supported yet',
  Q05: 'INTERVAL is not supported yet',
  Q06: 'INTERVAL is not supported yet',
  Q07: 'EXTRACT is not supported yet',
  Q08: 'EXTRACT is not supported yet',
  Q09: 'LIKE is not supported yet',
  Q10: 'INTERVAL is not supported yet',
  Q11: 'a scalar subquery is not supported yet',
  Q12: 'INTERVAL is not supported yet',
  Q13: 'LIKE is not supported yet',
  Q14: 'INTERVAL is not supported yet',
  Q15: 'INTERVAL is not supported yet',
  Q16: 'LIKE is not supported yet',
  Q17: 'a scalar subquery is not supported yet',
  Q18: 'IN (subquery) is not supported yet',
  Q19: 'the join predicate is only inside OR: a nested-loop join of lineitem x part',
  Q20: 'IN (subquery) is not supported yet',
  Q21: 'EXISTS (subquery) is not supported yet',
  Q22: 'a scalar subquery is not supported yet',
};

/**
 * Known-failing queries that run for minutes (SF0.01) to hours (SF0.1). A running query cannot be
 * cancelled before issue 5, so one of these would hold the cluster - every later statement and
 * close() queue behind it - far past the suite's time budget: the test skips them and the benchmark
 * does not send them. Take a query off this list once it finishes quickly (it then runs as a
 * KNOWN_FAILING test that flags its passing).
 */
export const TOO_SLOW_TO_RUN: Readonly<Partial<Record<string, string>>> = {
  Q19: 'nested-loop join of lineitem x part (60k x 2k rows, 40-80 s at SF0.01; SF0.1 is 100 times the pairs)',
};
