/** A 2 x 2 cluster with two small tables whose NULLs and duplicates exercise subquery and set semantics. */
import { Cluster } from '../../src/index.js';

export async function startWithFixtures(): Promise<Cluster> {
  const cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  await cluster.query('create table t (a int, b varchar(10)) diststyle even');
  await cluster.query("insert into t values (1,'x'), (2,'y'), (3,null), (null,'z'), (2,'w')");
  await cluster.query('create table u (a int, c int) distkey(a)');
  await cluster.query('insert into u values (1,10), (2,20), (2,21), (null,30)');
  await cluster.query('create table empty_t (a int)');
  return cluster;
}

/** Rows as arrays (column order), bigints as numbers, for compact expectations. */
export function rowsOf(result: { rows: readonly Record<string, unknown>[]; fields: readonly { name: string }[] }): unknown[][] {
  return result.rows.map((r) => Object.values(r).map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}
