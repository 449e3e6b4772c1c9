/**
 * Differential test: the TICKIT queries of tickit-cases.ts on a 2 x 2 Slicewise cluster (tables
 * loaded with INSERT) and on DuckDB (loaded from the same files), compared row by row.
 */
import { describeTickitDifferential } from './helpers/differential.js';
import { TICKIT_CASES } from './tickit-cases.js';

describeTickitDifferential('TICKIT queries: Slicewise vs DuckDB', TICKIT_CASES);
