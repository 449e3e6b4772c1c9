/** The developer guide's WINSALES sample table (c_Window_functions.md), for window-function tests. */
import type { Cluster } from '../../src/index.js';

export const WINSALES_DDL =
  'create table winsales(salesid int, dateid date, sellerid int, buyerid char(10), qty int, qty_shipped int) distkey(salesid)';

export const WINSALES_ROWS = `
  (30001, '2003-08-02', 3, 'b', 10, 10),
  (10001, '2003-12-24', 1, 'c', 10, 10),
  (10005, '2003-12-24', 1, 'a', 30, null),
  (40001, '2004-01-09', 4, 'a', 40, null),
  (10006, '2004-01-18', 1, 'c', 10, null),
  (20001, '2004-02-12', 2, 'b', 20, 20),
  (40005, '2004-02-12', 4, 'a', 10, 10),
  (20002, '2004-02-16', 2, 'c', 20, 20),
  (30003, '2004-04-18', 3, 'b', 15, null),
  (30004, '2004-04-18', 3, 'b', 20, null),
  (30007, '2004-09-07', 3, 'c', 30, null)`;

export async function createWinsales(cluster: Cluster): Promise<void> {
  await cluster.query(WINSALES_DDL);
  await cluster.query(`insert into winsales values ${WINSALES_ROWS}`);
}

/** Rows as arrays, for compact expectations. */
export async function rowsOf(cluster: Cluster, sql: string): Promise<unknown[][]> {
  return (await cluster.query(sql)).toArrays();
}
