/**
 * The compute nodes: one long-lived worker thread per node (a single-thread piscina pool each), so
 * every task for slice s runs on node floor(s / slicesPerNode). A worker that dies fails the tasks
 * it was running; piscina starts a fresh one and table data, living in shared memory, is untouched.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { collectWhileNodesWork } from '../leader/index.js';
import type { NodeRunner, TaskMessage, TaskReply, Topology } from '../leader/task.js';
import type { CopyBuildReply, CopyBuildTask, CopyScanReply, CopyScanTask } from '../exec/copy-task.js';

/**
 * Workers must be compiled JavaScript. Running from dist/ the worker sits beside us; running the
 * TypeScript sources (tests, tsx) we use the build in dist/ (npm test builds first).
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = fileURLToPath(new URL('../compute/worker.js', import.meta.url));
  if (!here.endsWith('.ts') && existsSync(sibling)) return sibling;
  const built = fileURLToPath(new URL('../../dist/compute/worker.js', import.meta.url));
  if (!existsSync(built)) throw new Error(`compute node worker not built: ${built} is missing (run npm run build)`);
  return built;
}

/** Module-loader flags: the parent may run under one (tsx in tests and benchmarks), the workers never need it. */
const LOADER_FLAG = /^--(import|require|loader|experimental-loader)(=|$)/;

/**
 * Node's flags for the worker threads: the parent's, minus module loaders — workers run compiled
 * JavaScript, and an inherited `--import tsx` transforms every dist/ module again, turning imports
 * into getter calls on the hot paths (COPY measured 2-4x slower) — plus `--no-experimental-require-module`:
 * Node 20.19+ lets piscina `require()` our ES-module worker, and on Node 20.20 that path sometimes
 * aborts the whole process (`v8::Module::IsGraphAsync ... must be used on an instantiated module`,
 * about 1 start in 40); with require(esm) off, piscina imports the module and the crash never showed.
 * Without `inherit`, only that flag (see createPool).
 */
function workerExecArgv(inherit: boolean): string[] {
  const kept: string[] = [];
  if (!inherit) return withRequireEsmOff(kept);
  const parent = process.execArgv;
  for (let i = 0; i < parent.length; i++) {
    const flag = parent[i]!;
    const loader = LOADER_FLAG.exec(flag);
    if (!loader) kept.push(flag);
    else if (loader[2] === '') i++; // `--import tsx`: skip the value too
  }
  return withRequireEsmOff(kept);
}

function withRequireEsmOff(flags: string[]): string[] {
  const noRequireEsm = '--no-experimental-require-module';
  return process.allowedNodeEnvironmentFlags.has(noRequireEsm) ? [...flags, noRequireEsm] : flags;
}

/**
 * A node's pool, its thread started now. Node refuses V8 and other process-wide flags in a worker's
 * execArgv (`node --max-old-space-size=8192 tests.js` would fail every cluster); those already apply
 * to the whole process, workers included, so the pool is then made without the inherited flags.
 */
function createPool(PiscinaClass: typeof Piscina, filename: string, node: number): Piscina {
  const options = (inherit: boolean) => ({
    filename,
    minThreads: 1,
    maxThreads: 1,
    // One task at a time per node thread; a node's slices take turns, as on a real node's cores.
    concurrentTasksPerWorker: 1,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: { node },
    execArgv: workerExecArgv(inherit),
  });
  try {
    return new PiscinaClass(options(true));
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
    return new PiscinaClass(options(false));
  }
}

export class ComputeNodes implements NodeRunner {
  /**
   * The node pools, created in the background: loading piscina and starting threads stays off the
   * path of a cluster's first (leader-only) query; the first task waits for them.
   */
  private readonly pools: Promise<Piscina[]>;

  constructor(topology: Topology) {
    const filename = workerFile();
    this.pools = import('piscina').then(({ Piscina }) => Array.from({ length: topology.nodes }, (_, node) => createPool(Piscina, filename, node)));
  }

  /** Tasks sent to each node and not yet answered. */
  private readonly inFlight: number[] = [];

  run(node: number, task: TaskMessage): Promise<TaskReply> {
    return this.dispatch(node, task, 'default');
  }

  copyScan(node: number, task: CopyScanTask): Promise<CopyScanReply> {
    return this.dispatch(node, task, 'copyScan');
  }

  copyBuild(node: number, task: CopyBuildTask): Promise<CopyBuildReply> {
    return this.dispatch(node, task, 'copyBuild');
  }

  /** Send a task to a node's worker, to the handler the worker exports under `name`. */
  private async dispatch<R>(node: number, task: unknown, name: string): Promise<R> {
    const pool = (await this.pools)[node]!;
    this.inFlight[node] = (this.inFlight[node] ?? 0) + 1;
    try {
      const reply = pool.run(task, { name });
      // The task is on its way: a collection the leader owes runs beside the node's work.
      collectWhileNodesWork();
      return (await reply) as R;
    } finally {
      this.inFlight[node]!--;
    }
  }

  /**
   * Test hook: kill a node's worker thread as a crash would — while it is running a task (waiting up
   * to `timeoutMs` for one to arrive), so the crash hits a query rather than an idle thread.
   */
  async terminateNode(node: number, timeoutMs = 10_000): Promise<void> {
    const pool = (await this.pools)[node]!;
    const deadline = Date.now() + timeoutMs;
    while (!(this.inFlight[node]! > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await Promise.all(pool.threads.map((t) => t.terminate()));
  }

  async close(): Promise<void> {
    await Promise.all((await this.pools).map((p) => p.destroy()));
  }
}
