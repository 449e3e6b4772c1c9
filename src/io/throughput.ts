/**
 * A model of S3's per-request behaviour, so that "many files in parallel beat one big file" shows on
 * a laptop whose disk is far faster than S3: every GET waits one request latency before its first
 * byte, then streams at a fixed per-stream bandwidth. Streams do not share bandwidth (S3 scales out
 * per connection), so N concurrent streams take as long as one. Requests without a body worth pacing
 * (a LIST page, a HEAD) cost their latency only.
 *
 * All waiting is timer-based (no busy loops): the thread stays free for the other streams a compute
 * node reads at the same time.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SqlError, SqlState } from '../types/errors.js';

export interface ThroughputModel {
  /** Per-stream bandwidth in MB/s, MB = 1e6 bytes. */
  readonly mbPerSecond: number;
  /** Time from a request to its first byte, in milliseconds. */
  readonly latencyMs: number;
}

function validateThroughput(model: ThroughputModel): void {
  if (!(model.mbPerSecond > 0)) {
    throw new SqlError(SqlState.invalidParameterValue, `object store throughput must be a positive number of MB/s, got ${model.mbPerSecond}`);
  }
  if (!(model.latencyMs >= 0) || !Number.isFinite(model.latencyMs)) {
    throw new SqlError(SqlState.invalidParameterValue, `object store latency must be a finite number of milliseconds >= 0, got ${model.latencyMs}`);
  }
}

/**
 * Paces one response stream. The schedule is absolute (bytes delivered since the first byte, over
 * the bandwidth), so timer overshoot on one chunk is made up on the next instead of accumulating.
 */
export class StreamPacer {
  private readonly bytesPerMs: number;
  private origin = 0;

  constructor(private readonly model: ThroughputModel) {
    validateThroughput(model);
    this.bytesPerMs = (model.mbPerSecond * 1e6) / 1000;
  }

  /** The request's latency; call once, before the first byte. Starts the bandwidth clock. */
  async firstByte(): Promise<void> {
    await sleepUntil(performance.now() + this.model.latencyMs);
    this.origin = performance.now();
  }

  /** Resolves when `totalBytes` bytes since the first byte could have arrived. */
  async delivered(totalBytes: number): Promise<void> {
    await sleepUntil(this.origin + totalBytes / this.bytesPerMs);
  }
}

/**
 * Waits until `requests` sequential round trips started at `since` (a performance.now() time) could
 * have completed; the local work done since then counts toward it. No model: returns at once.
 */
export async function requestRoundTrips(model: ThroughputModel | null, requests: number, since: number): Promise<void> {
  if (model === null) return;
  validateThroughput(model);
  await sleepUntil(since + requests * model.latencyMs);
}

async function sleepUntil(due: number): Promise<void> {
  // setTimeout truncates to whole milliseconds and may fire a little early: loop until due.
  for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) {
    await sleep(Math.ceil(wait));
  }
}
