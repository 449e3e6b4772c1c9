/** `slicewise/testing`: helpers for using Slicewise in place of Redshift in a test suite. */
export { StandIn, type StandInOptions } from './stand-in.js';
