import { test } from 'vitest';
import { Cluster } from '../../src/index.js';
import { canonSlicewise, diffResults } from '../helpers/compare.js';
import { enabledFamilies } from './differences.js';
import { generateQuery } from './generator.js';
import { querySeed } from './runner.js';
import { loadSlicewise, openReference } from './tables.js';

test('timing', async () => {
  const cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  await loadSlicewise(cluster);
  const ref = await openReference();
  const fam = enabledFamilies(process.env.FUZZ_FAMILIES);
  const times: [number, number, number, string, number][] = [];
  const byShape = new Map<string, number>();
  for (let i = 0; i < 500; i++) {
    const q = generateQuery(querySeed(2, i), fam);
    const a = performance.now();
    let r: any, e: any;
    try { r = await cluster.query(q.slicewise); } catch {}
    const b = performance.now();
    try { e = await ref.query(q.duck); } catch {}
    const c = performance.now();
    if (r && e) diffResults(canonSlicewise(r), e.rows, { ordered: q.ordered });
    const d = performance.now();
    times.push([b - a, c - b, d - c, q.slicewise, r?.rows.length ?? -1]);
    byShape.set(q.shape, (byShape.get(q.shape) ?? 0) + d - a);
  }
  const sum = (k: number) => times.reduce((s, t) => s + (t[k] as number), 0).toFixed(0);
  console.log(`slicewise ${sum(0)} ms, duck ${sum(1)} ms, compare ${sum(2)}`, [...byShape].map(([s, n]) => `${s} ${n.toFixed(0)}`).join(', '));
  times.sort((x, y) => y[0] + y[1] + y[2] - x[0] - x[1] - x[2]);
  for (const t of times.slice(0, 10)) console.log(t[0].toFixed(0), t[1].toFixed(0), t[2].toFixed(0), t[4], t[3].slice(0, 300));
  ref.close(); await cluster.close();
}, 300_000);
