import { test } from 'vitest';
import { Cluster } from '../../src/index.js';
import { enabledFamilies } from './differences.js';
import { generateQuery } from './generator.js';
import { querySeed } from './runner.js';
import { loadSlicewise, openReference } from './tables.js';

test('timing', async () => {
  const t0 = performance.now();
  const cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  await loadSlicewise(cluster);
  const t1 = performance.now();
  const ref = await openReference();
  const t2 = performance.now();
  console.log(`load slicewise ${(t1 - t0).toFixed(0)} duck ${(t2 - t1).toFixed(0)}`);
  const fam = enabledFamilies(process.env.FUZZ_FAMILIES);
  const times: [number, number, string][] = [];
  for (let i = 0; i < 300; i++) {
    const q = generateQuery(querySeed(1, i), fam);
    const a = performance.now();
    try { await cluster.query(q.slicewise); } catch {}
    const b = performance.now();
    try { await ref.query(q.duck); } catch {}
    const c = performance.now();
    times.push([b - a, c - b, q.slicewise]);
  }
  const sw = times.reduce((s, t) => s + t[0], 0), dk = times.reduce((s, t) => s + t[1], 0);
  console.log(`slicewise ${sw.toFixed(0)} ms, duck ${dk.toFixed(0)} ms`);
  times.sort((x, y) => y[0] - x[0]);
  for (const t of times.slice(0, 8)) console.log(t[0].toFixed(0), t[1].toFixed(0), t[2].slice(0, 400));
  ref.close(); await cluster.close();
}, 300_000);
