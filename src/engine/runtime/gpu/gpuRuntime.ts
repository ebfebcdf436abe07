// The interpreter's GPU side: lowers builtin calls to graph nodes, and at a sync point plans the
// pending graph (fusion/plan.ts), runs the planned kernels through the WebGPU provider in one
// submit, and reports a kernel event per dispatch plus the plan's decisions. Buffers of values
// that are gone are given back to the pool when their nodes are garbage-collected.

import { graphTally, type GraphNode } from '../../graph/node.ts';
import { planFlush, type PlanStep } from '../../fusion/plan.ts';
import { buildFusedElementwise } from '../../kernels/fusedElementwise.ts';
import { buildReduction } from '../../kernels/reduction.ts';
import { buildRandom } from '../../kernels/random.ts';
import { buildMatmul } from '../../kernels/matmul.ts';
import { buildMatmulSplitPlan } from '../../kernels/matmulSplit.ts';
import { buildSyrkPlan } from '../../kernels/syrk.ts';
import { buildTranspose } from '../../kernels/transpose.ts';
import { buildRangeWrite, buildSlice, buildSplice } from '../../kernels/rangeCopy.ts';
import { buildImageNormalize } from '../../kernels/imageNormalize.ts';
import type { GpuArrayHandle, WebGpuProvider } from '../../providers/webgpu/index.ts';
import type { BuiltinSpec, RandomSource } from '../../builtins/types.ts';
import type { KernelEvent, PlanDecision } from '../../../worker/protocol.ts';
import { raise } from '../../errors.ts';
import { GpuTensor, logicalScalar, Tensor, type Value } from '../values/index.ts';
import type { Async } from '../interpreter/async.ts';
import {
  lowerDiag,
  lowerElementwise,
  lowerMatmul,
  lowerNorm,
  lowerCovariance,
  lowerRandom,
  lowerReduction,
  lowerToDevice,
  lowerTranspose,
  lowerVariance,
  type LoweringHost,
} from './lowering.ts';

export interface GpuEvents {
  kernel(event: KernelEvent): void;
  plan(decisions: PlanDecision[]): void;
}

export interface GpuRuntimeOptions {
  policy: 'auto' | 'on';
  /** Elements from which host single data is worth moving to the GPU under 'auto'. */
  autoThreshold?: number;
  /** Bytes of GPU arrays the session may hold at once; past it a flush raises an out-of-memory error. */
  budgetBytes?: number;
}

/** The identifier of the error a flush raises when its arrays would pass the budget. */
export const GPU_OUT_OF_MEMORY = 'parallel:gpu:array:OOM';

/** WebGPU does not report device memory; 4 GiB is safe on the GPUs people run notebooks on. */
const DEFAULT_BUDGET_BYTES = 4 * 1024 ** 3;

/**
 * The bound on lazy work between sync points. A loop such as `for i = 1:1e5, x = x + 1; end`
 * otherwise builds one graph of every iteration: planning and compiling it grows faster than
 * linearly, and a loop that makes a fresh array per iteration (randn, a product) would hold all of
 * them at once. So, between statements, the workspace's pending values are computed once this
 * many nodes were made since the last flush; loop iterations then give kernels of one shape that
 * the pipeline cache serves again. 128, not more: a software adapter compiles a 512-op kernel in
 * about 2 s (2048 iterations of `S = S .* c` took 7.5 s on SwiftShader at 512, 0.84 s at 128),
 * and 128 ops already amortise a chain's memory traffic on a real GPU.
 */
const PENDING_NODE_LIMIT = 128;
/**
 * Planning the pending graph tells what a flush would allocate (about 1 ms for 500 nodes), so it
 * is done again only once the nodes made since the last look (graphTally's elements: those that
 * may get a buffer) could have used up the room it left, and at least this share of the budget.
 */
const PENDING_CHECK_SHARE = 1 / 64;
/** Share of the budget that pending arrays may reach before a statement boundary computes them. */
const PENDING_BUDGET_SHARE = 1 / 4;

export class GpuRuntime implements LoweringHost {
  readonly policy: 'auto' | 'on';
  readonly autoThreshold: number;
  readonly budgetBytes: number;
  /** Sum of kernel GPU time since the last take, for the cell's `done` event. */
  private gpuMicroseconds = 0;
  readonly uploads = new WeakMap<Float64Array, WeakRef<GraphNode>>();
  private randomCounter = 0;
  private randomGeneration = -1;
  private readonly finalizer: FinalizationRegistry<GpuArrayHandle>;
  /** graphTally() at the last flush, and at the last look at what a flush would allocate. */
  private tallyAtFlush = graphTally();
  private tallyAtCheck = graphTally();
  /** What a flush would have allocated at the last look. */
  private pendingBytesAtCheck = 0;
  /** Nodes this runtime computed and whose buffers it has not given back, by id. */
  private readonly owned = new Map<number, WeakRef<GraphNode>>();

  constructor(
    readonly provider: WebGpuProvider,
    private readonly random: RandomSource,
    public events: GpuEvents,
    options: GpuRuntimeOptions,
  ) {
    this.policy = options.policy;
    this.autoThreshold = options.autoThreshold ?? 4096;
    this.budgetBytes = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
    this.finalizer = releaserFor(provider);
  }

  /** Philox key and counter for the next `count` numbers; rng(seed) restarts the stream. */
  nextRandom(count: number): { key: [number, number]; counter: number } {
    if (this.random.generation !== this.randomGeneration) {
      this.randomGeneration = this.random.generation;
      this.randomCounter = 0;
    }
    const counter = this.randomCounter;
    this.randomCounter += Math.ceil(count / 4);
    return { key: [this.random.currentSeed >>> 0, 0x9e3779b9], counter };
  }

  /**
   * Runs the call on the GPU when its builtin has a lowering that applies; null means "use the
   * host implementation". May return a Promise (gather reads back).
   */
  tryLower(spec: BuiltinSpec, args: Value[], nargout: number): Async<Value[]> | null {
    const l = spec.lowering;
    if (!l || this.provider.lost) return null;
    if ('elementwise' in l) {
      const v = nargout <= 1 ? lowerElementwise(l.elementwise, args, this) : null;
      return v ? [v] : null;
    }
    if ('reduction' in l) {
      const v = lowerReduction(l.reduction, args, nargout, this);
      return v ? [v] : null;
    }
    if ('scalarElementwise' in l) {
      const scalar = args.map((a) => (a.type === 'gpu' ? a.numel : a.type === 'tensor' ? a.re.length : 0) === 1);
      const ok = args.length === 2 && (l.scalar === 'either' ? scalar[0] || scalar[1] : l.scalar === 'first' ? scalar[0] : l.scalar === 'second' ? scalar[1] : scalar[0] && scalar[1]);
      const v = ok && nargout <= 1 ? lowerElementwise(l.scalarElementwise, args, this) : null;
      return v ? [v] : null;
    }
    if ('matrix' in l) {
      if (nargout > 1) return null;
      const v = l.matrix === 'mtimes' ? lowerMatmul(args, this) : l.matrix === 'transpose' ? lowerTranspose(args) : lowerDiag(args);
      return v ? [v] : null;
    }
    if ('composite' in l) {
      const v =
        l.composite === 'norm' ? (nargout <= 1 ? lowerNorm(args) : null) : l.composite === 'cov' ? lowerCovariance(args, nargout) : lowerVariance(l.composite, args, nargout, this);
      return v ? [v] : null;
    }
    if ('random' in l) {
      const v = lowerRandom(l.random, args, this);
      return v ? [v] : null;
    }
    const x = args[0];
    switch (l.residency) {
      case 'toDevice': {
        const v = lowerToDevice(args);
        return v ? [v] : null;
      }
      case 'toHost':
        return x !== undefined && x.type === 'gpu' ? this.toHost(x).then((t) => [t]) : null;
      case 'isOnDevice':
        return [logicalScalar(x !== undefined && x.type === 'gpu')];
    }
  }

  /** Reads a GPU value back (computing what it needs first). The host copy is cached on the value. */
  async toHost(v: GpuTensor, liveRoots: Iterable<GraphNode> = []): Promise<Tensor> {
    if (v.host) return v.host;
    await this.flush([v.node, ...liveRoots]);
    const data = await this.provider.download(bufferOf(v.node));
    const host = new Tensor(v.cls, v.shape, Float64Array.from(data.subarray(0, v.numel)));
    v.host = host;
    return host;
  }

  /**
   * At a statement boundary: computes the pending values of `liveRoots()` when the graph made since
   * the last flush is past PENDING_NODE_LIMIT nodes, or would allocate more than its share of the
   * budget. Cheap when it does nothing (a counter comparison), so it can run before every statement.
   */
  boundPendingWork(liveRoots: () => GraphNode[], held: (() => Set<GraphNode>) | null): Promise<void> | undefined {
    const tally = graphTally();
    const flush = async (roots: GraphNode[]): Promise<void> => {
      await this.flush(roots);
      if (held) this.releaseUnheld(held());
    };
    if (tally.nodes - this.tallyAtFlush.nodes >= PENDING_NODE_LIMIT) return flush(liveRoots());
    const madeBytes = (tally.elements - this.tallyAtCheck.elements) * 4;
    const limit = this.budgetBytes * PENDING_BUDGET_SHARE;
    if (madeBytes < Math.max(this.budgetBytes * PENDING_CHECK_SHARE, limit - this.pendingBytesAtCheck)) return undefined;
    this.tallyAtCheck = tally;
    const roots = liveRoots();
    const plan = planFlush(roots, 'auto', this.planLimits());
    this.pendingBytesAtCheck = plan.steps.reduce((sum, step) => sum + stepOutputs(step).reduce((b, n) => b + n.numel * 4, 0), 0);
    return this.pendingBytesAtCheck > limit ? flush(roots) : undefined;
  }

  /**
   * Gives back the buffers of computed nodes outside `held`: the nodes that variables hold and
   * everything their pending values read. The caller vouches that nothing else can read them (no
   * expression is half evaluated: the end of a cell, a statement boundary at the top level).
   * Without this, a buffer goes back only when the garbage collector finds its node, and a loop
   * that makes a new array per iteration runs out of GPU memory long before the heap feels full.
   */
  releaseUnheld(held: ReadonlySet<GraphNode>): void {
    for (const [id, ref] of this.owned) {
      const node = ref.deref();
      if (node !== undefined && held.has(node)) continue;
      this.owned.delete(id);
      if (node === undefined || node.evicted || node.buffer === null) continue;
      this.finalizer.unregister(node);
      this.provider.release(node.buffer as GpuArrayHandle);
      node.evicted = true;
    }
  }

  private planLimits(): { maxStorageBuffers: number } {
    return { maxStorageBuffers: this.provider.limits.maxStorageBuffersPerShaderStage };
  }

  /** Computes every pending node reachable from `roots`, in one submit. */
  async flush(roots: Iterable<GraphNode>): Promise<void> {
    this.tallyAtFlush = this.tallyAtCheck = graphTally();
    this.pendingBytesAtCheck = 0;
    const plan = planFlush(roots, 'auto', this.planLimits());
    if (plan.steps.length === 0) return;
    this.checkMemory(plan.steps);
    for (const step of plan.steps) this.execute(step);
    if (plan.decisions.length > 0) this.events.plan(plan.decisions);
    const events = await this.provider.flush();
    for (const e of events) {
      this.gpuMicroseconds += e.gpuUs;
      this.events.kernel(e);
    }
  }

  /** Raises MATLAB-style errors before anything runs when the plan cannot fit on the device. */
  private checkMemory(steps: PlanStep[]): void {
    const bindLimit = this.provider.limits.maxStorageBufferBindingSize;
    let bytes = 0;
    for (const step of steps) {
      for (const n of stepOutputs(step)) {
        const b = n.numel * 4;
        if (b > bindLimit) {
          raise('MATLAB:gpuArray:tooLarge', `An array of ${n.numel} elements (${formatBytes(b)}) is larger than this GPU can bind in one buffer (${formatBytes(bindLimit)}).`);
        }
        bytes += b;
      }
    }
    const inUse = this.provider.memoryInUse();
    if (inUse + bytes > this.budgetBytes) {
      raise(
        GPU_OUT_OF_MEMORY,
        `Out of memory on device: this step needs ${formatBytes(bytes)} more with ${formatBytes(inUse)} already in use (budget ${formatBytes(this.budgetBytes)}). Clear variables you no longer need, or gather results to the host.`,
      );
    }
  }

  takeGpuMilliseconds(): number {
    const ms = this.gpuMicroseconds / 1000;
    this.gpuMicroseconds = 0;
    return ms;
  }

  private own(node: GraphNode, handle: GpuArrayHandle): void {
    node.settle(handle);
    this.finalizer.register(node, handle, node);
    this.owned.set(node.id, new WeakRef(node));
  }

  private allocate(node: GraphNode): GpuArrayHandle {
    return this.provider.allocate(Math.max(1, node.numel));
  }

  private execute(step: PlanStep): void {
    const p = this.provider;
    const maxWg = p.limits.maxComputeWorkgroupsPerDimension;
    switch (step.kind) {
      case 'upload': {
        const op = step.node.op;
        const data = op.kind === 'upload' ? op.data : op.kind === 'constant' ? Float64Array.of(op.value) : null;
        if (!data) throw new Error(`internal: cannot upload a ${op.kind} node`);
        this.own(step.node, p.upload(data));
        return;
      }
      case 'alias':
        // A view shares its argument's buffer; the argument node stays alive through the view.
        step.node.settle(step.of.buffer);
        return;
      case 'random': {
        const op = step.node.op;
        if (op.kind !== 'random') throw new Error('internal: random step on a non-random node');
        const out = this.allocate(step.node);
        p.dispatch(buildRandom({ dist: op.dist, length: step.node.numel }, op.key, op.counter, maxWg), [], out);
        this.own(step.node, out);
        return;
      }
      case 'elementwise': {
        const program = buildFusedElementwise(step.spec.params, step.spec.constants, maxWg);
        const outs = step.outputs.map((o) => this.allocate(o));
        p.dispatch(program, step.spec.inputs.map(bufferOf), outs);
        step.outputs.forEach((o, i) => this.own(o, outs[i]));
        return;
      }
      case 'transpose': {
        const op = step.node.op;
        if (op.kind !== 'transpose') throw new Error('internal: transpose step on another node');
        const out = this.allocate(step.node);
        p.dispatch(buildTranspose(op.arg.shape[0], op.arg.shape[1], maxWg), [bufferOf(op.arg)], out);
        this.own(step.node, out);
        return;
      }
      case 'slice': {
        const op = step.node.op;
        if (op.kind !== 'slice') throw new Error('internal: slice step on another node');
        const out = this.allocate(step.node);
        p.dispatch(buildSlice(op.arg.shape, op.offset, step.node.shape, maxWg), [bufferOf(op.arg)], out);
        this.own(step.node, out);
        return;
      }
      case 'splice': {
        // Out of place: the base's buffer may belong to other values too. The chain's later
        // writes go into the new buffer, which is nobody else's until the node settles.
        const { base, writes } = step.chain;
        const shape = step.node.shape;
        const out = this.allocate(step.node);
        const [first, ...rest] = writes;
        p.dispatch(buildSplice(base.shape, first.offset, first.count, first.value.shape, maxWg), [bufferOf(base), bufferOf(first.value)], out);
        for (const w of rest) p.dispatch(buildRangeWrite(shape, w.offset, w.count, w.value.shape, maxWg), [bufferOf(w.value)], out);
        this.own(step.node, out);
        return;
      }
      case 'matmul': {
        const s = step.spec;
        const out = this.allocate(s.output);
        const limits = {
          maxWorkgroupStorage: p.limits.maxComputeWorkgroupStorageSize,
          maxInvocations: p.limits.maxComputeInvocationsPerWorkgroup,
          maxWorkgroupsPerDimension: maxWg,
          software: p.adapter.isFallbackAdapter,
        };
        if (s.kind === 'syrk') {
          const plan = buildSyrkPlan({ n: s.n, k: s.k, rowOffset: 0, rows: s.k, accumulate: false, epilogue: s.epilogue ? { alpha: true } : null }, s.constants, limits);
          if (plan.passes.length === 1) p.dispatch(plan.passes[0], [bufferOf(s.a)], out);
          else {
            const partials = p.allocate(plan.scratchLength);
            p.dispatch(plan.passes[0], [bufferOf(s.a)], partials);
            p.dispatch(plan.passes[1], [partials], out);
            p.release(partials);
          }
        } else {
          const params = { variant: s.variant, m: s.m, n: s.n, k: s.k, transA: s.transA, transB: s.transB, epilogue: s.epilogue, diagonalOnly: s.diagonalOnly };
          if (s.splits > 1) {
            // Split-k: raw partials per k range into scratch, then summed in order with the epilogue.
            const plan = buildMatmulSplitPlan(params, s.constants, limits, s.splits);
            const partials = p.allocate(plan.scratchLength);
            p.dispatch(plan.passes[0], [bufferOf(s.a), bufferOf(s.b)], partials);
            p.dispatch(plan.passes[1], [partials, ...s.extraInputs.map(bufferOf)], out);
            p.release(partials);
          } else {
            p.dispatch(buildMatmul(params, s.constants, limits), [bufferOf(s.a), bufferOf(s.b), ...s.extraInputs.map(bufferOf)], out);
          }
        }
        this.own(s.output, out);
        return;
      }
      case 'imageNormalize': {
        // Three passes: stats (x → scratch), finalize (→ mu, sigma), apply (→ out). mu and sigma
        // keep their buffers when live (their views alias them); otherwise they are scratch too.
        const s = step.spec;
        const plan = buildImageNormalize(s.params, s.constants, {
          maxWorkgroupStorage: p.limits.maxComputeWorkgroupStorageSize,
          maxInvocations: p.limits.maxComputeInvocationsPerWorkgroup,
          maxWorkgroupsPerDimension: maxWg,
        });
        const x = bufferOf(s.x);
        const scratch = p.allocate(Math.max(1, plan.scratchLength));
        const mu = this.allocate(s.mu);
        const sigma = this.allocate(s.sigma);
        const out = this.allocate(s.output);
        p.dispatch(plan.passes[0], [x], scratch);
        p.dispatch(plan.passes[1], [x, scratch], [mu, sigma]);
        p.dispatch(plan.passes[2], [x, mu, sigma, ...s.scalarInputs.map(bufferOf)], out);
        p.release(scratch);
        this.own(s.output, out);
        if (s.muLive) this.own(s.mu, mu);
        else p.release(mu);
        if (s.sigmaLive) this.own(s.sigma, sigma);
        else p.release(sigma);
        return;
      }
      case 'reduction': {
        const { spec } = step;
        const plan = buildReduction(spec.params, spec.constants, spec.scale, {
          maxWorkgroupsPerDimension: maxWg,
          subgroups: p.adapter.features.includes('subgroups'),
          maxInvocations: p.limits.maxComputeInvocationsPerWorkgroup,
        });
        const out = this.allocate(step.node);
        const inputs = spec.inputs.map(bufferOf);
        if (plan.passes.length === 1) p.dispatch(plan.passes[0], inputs, out);
        else {
          const partials = p.allocate(Math.max(1, plan.partialLength));
          p.dispatch(plan.passes[0], inputs, partials);
          for (let i = 1; i < plan.passes.length; i++) p.dispatch(plan.passes[i], [partials], out);
          p.release(partials);
        }
        this.own(step.node, out);
        return;
      }
    }
  }
}

/**
 * One FinalizationRegistry per provider, not per runtime: a registry that is collected never runs
 * its callbacks, so buffers owned by a runtime the session replaced (a policy switch) or dropped
 * would never go back to the pool. This one lives as long as its provider.
 */
const releasers = new WeakMap<WebGpuProvider, FinalizationRegistry<GpuArrayHandle>>();

function releaserFor(provider: WebGpuProvider): FinalizationRegistry<GpuArrayHandle> {
  let releaser = releasers.get(provider);
  if (!releaser) {
    releaser = new FinalizationRegistry((handle) => {
      if (!provider.lost) provider.release(handle);
    });
    releasers.set(provider, releaser);
  }
  return releaser;
}

/** The arrays a plan step allocates. */
function stepOutputs(step: PlanStep): readonly GraphNode[] {
  switch (step.kind) {
    case 'elementwise':
      return step.outputs;
    case 'alias':
      return [];
    case 'matmul':
      return [step.spec.output];
    case 'imageNormalize':
      return [step.spec.output, step.spec.mu, step.spec.sigma];
    case 'upload':
    case 'random':
    case 'reduction':
    case 'transpose':
    case 'slice':
    case 'splice':
      return [step.node];
  }
}

function formatBytes(b: number): string {
  if (b >= 1024 ** 3) return `${(b / 1024 ** 3).toFixed(2)} GiB`;
  if (b >= 1024 ** 2) return `${(b / 1024 ** 2).toFixed(1)} MiB`;
  return `${Math.ceil(b / 1024)} KiB`;
}

function bufferOf(n: GraphNode): GpuArrayHandle {
  if (!n.usable) throw new Error(`internal: node ${n.id} read after its buffer was given back`);
  if (n.buffer === null) throw new Error(`internal: node ${n.id} read before it was computed`);
  return n.buffer as GpuArrayHandle;
}
