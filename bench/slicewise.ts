/**
 * The built Slicewise package (dist/), as users get it. Benchmarks measure the build, not the
 * TypeScript sources run through a loader.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SLICEWISE_DIST_URL = new URL('../dist/index.js', import.meta.url).href;

export async function importSlicewise(): Promise<typeof import('../src/index.js')> {
  if (!existsSync(fileURLToPath(SLICEWISE_DIST_URL))) {
    throw new Error('dist/index.js is missing: run `npm run build` first (`npm run bench` does)');
  }
  return (await import(SLICEWISE_DIST_URL)) as typeof import('../src/index.js');
}
