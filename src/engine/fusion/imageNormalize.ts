// The ImageNormalize pass (DESIGN.md "Fusion planner", pass 1): finds
//   mu = mean(x …); sigma = std(x …); out = ((x - mu) ./ sigma) * gain + bias;
//   out = min(max(out, lo), hi); out = out .^ gamma;
// in the pending graph, with the statistics over the whole array (`mean(x(:))`, `mean(x, 'all')`)
// or per image of a batch (`mean(x, [1 2])` of H×W×B, `mean(x, [2 3])` of B×H×W, and likewise any
// reduction whose groups are contiguous blocks or interleaved), and turns it into one
// `image_normalize` invocation (kernels/imageNormalize.ts: stats, finalize, apply). gain, bias,
// the clamps (either or both, in either order) and gamma are each optional, constants (uniforms)
// or 1×1 GPU values (bound as buffers). mu and sigma are written by the kernel: when they are
// still live they become its outputs, so nothing is computed twice.
//
// The pass only reads the graph. What it claims (the statistics' nodes, the formula chain and the
// views of mu and sigma) is skipped by the later passes; what it does not match is left to them.
// A reason is recorded for near misses only: a mean/std pair of one array whose formula differs.

import type { GraphNode } from '../graph/node.ts';
import type { ImageNormalizeConstants, ImageNormalizeParams, ImageNormalizeScalar } from '../kernels/imageNormalize.ts';
import type { PendingGraph } from './graphWalk.ts';

export interface ImageNormalizeSpec {
  /** Kernel parameters (the planner's part; the runtime adds device limits). */
  params: ImageNormalizeParams;
  constants: ImageNormalizeConstants;
  /** The array the kernel reads (statistics and formula): its buffer is bound as `x`. */
  x: GraphNode;
  /** 1×1 GPU values bound after sigma, in the order of `params.scalarBuffers`. */
  scalarInputs: GraphNode[];
  /** The end of the matched formula: the apply pass writes it. */
  output: GraphNode;
  /** The mean reduction: the finalize pass writes it (one value per image). */
  mu: GraphNode;
  /** The std (the sqrt node): the finalize pass writes it. */
  sigma: GraphNode;
  /** Whether mu / sigma (or a view of them) are read after the kernel: then they keep its buffers. */
  muLive: boolean;
  sigmaLive: boolean;
  /** Views (reshapes) of mu and sigma, in dependency order: aliases of those buffers. */
  aliases: GraphNode[];
  /** The views among `aliases` that are of mu (the others are of sigma). */
  muAliases: GraphNode[];
  /** Every node this invocation computes or makes unnecessary. */
  claimed: Set<GraphNode>;
  /** Plan variant: 'whole', 'per-image-HWB' or 'per-image-BHW'. */
  variant: string;
  reason: string;
}

export interface ImageNormalizeResult {
  invocations: ImageNormalizeSpec[];
  /** Near misses, each "ImageNormalize: not matched: <why>". */
  notMatched: string[];
}

/** How a mean groups the elements of the array it reads (column-major linear order). */
interface Grouping {
  /** The array, views (reshapes) stripped. */
  base: GraphNode;
  kind: 'whole' | 'HWB' | 'BHW';
  /** Groups (1 for whole). */
  batch: number;
  /** Elements per group. */
  imageSize: number;
}

/** A `std(x …)` as lowering builds it: sqrt(mean((x - mean(x)).^2) · n/(n−1)). */
interface StdPattern {
  sqrt: GraphNode;
  mean: GraphNode;
  grouping: Grouping;
  /** Sample std (n − 1) as the kernel computes it; false for std(x, 1). */
  sample: boolean;
  /** Its own nodes between the mean and the sqrt (centred, square, mean of squares, scale). */
  inner: GraphNode[];
}

/** Scalar steps of the formula, in the order the kernel applies them. */
const STAGES = ['gain', 'bias', 'clamp', 'gamma'] as const;
type Stage = (typeof STAGES)[number];

/** At most this many scalars from GPU buffers: x, mu, sigma, out and 4 make WebGPU's guaranteed 8 storage bindings. */
const MAX_SCALAR_BUFFERS = 4;

export function imageNormalizePass(g: PendingGraph): ImageNormalizeResult {
  const pending = new Set(g.order);
  const invocations: ImageNormalizeSpec[] = [];
  const notMatched: string[] = [];
  const taken = new Set<GraphNode>();

  const stds: StdPattern[] = [];
  for (const n of g.order) {
    const p = n.op.kind === 'elementwise' && n.op.op === 'sqrt' ? stdPattern(n, pending) : null;
    if (p) stds.push(p);
  }
  if (stds.length === 0) return { invocations, notMatched };
  const innerOfStd = new Set(stds.flatMap((p) => p.inner));

  for (const d of g.order) {
    // The anchor: d = x - mu, mu a pending mean of x (through views).
    if (taken.has(d) || d.op.kind !== 'elementwise' || d.op.op !== 'sub') continue;
    const [xv, m] = d.op.args;
    const mean = stripViews(m);
    const grouping = pending.has(mean) ? groupingOf(mean) : null;
    if (!grouping || stripViews(xv) !== grouping.base || xv.numel !== d.numel) continue;
    const sameArray = stds.filter((p) => p.grouping.base === grouping.base);
    if (sameArray.length === 0) continue;
    const miss = (why: string): void => {
      notMatched.push(`ImageNormalize: not matched: ${why}`);
    };

    const divs = (g.consumers.get(d) ?? []).filter((c) => c.op.kind === 'elementwise' && c.op.op === 'div' && c.op.args[0] === d && c.op.args[1] !== d);
    if (divs.length === 0) {
      // The std's own centring (x - mean(x)) is not a near miss.
      if (!innerOfStd.has(d)) miss(`x - mean(x) over ${describe(grouping)} is not divided by std(x)`);
      continue;
    }
    const z = divs.find((c) => stdOf(c, pending) !== null) ?? divs[0];
    const std = stdOf(z, pending);
    if (!std) {
      miss(`(x - mean(x)) over ${describe(grouping)} is divided by something other than std(x): ${what(z.args[1])}`);
      continue;
    }
    if (std.grouping.base !== grouping.base) {
      miss('(x - mean(x)) is divided by the std of another array');
      continue;
    }
    if (!sameGrouping(std.grouping, grouping)) {
      miss(`the mean is over ${describe(grouping)} but the std over ${describe(std.grouping)}`);
      continue;
    }
    if (!std.sample) {
      miss('std(x, 1) normalises by n; the kernel computes the sample std (n - 1)');
      continue;
    }
    if (!groupsBroadcast(m.shape, xv.shape, grouping) || !groupsBroadcast(z.args[1].shape, xv.shape, grouping)) {
      miss(`the shapes of mean (${m.shape.join('×')}) and std (${z.args[1].shape.join('×')}) do not line up with the images of ${xv.shape.join('×')}`);
      continue;
    }

    // The statistics' nodes, then the formula chain.
    const muAliases = viewsOf(mean, g);
    const sigmaAliases = viewsOf(std.sqrt, g);
    const claimed = new Set<GraphNode>([mean, ...muAliases, std.sqrt, ...sigmaAliases, ...std.inner, d, z]);
    if (std.mean !== mean) {
      claimed.add(std.mean);
      for (const v of viewsOf(std.mean, g)) claimed.add(v);
    }
    if ([...claimed].some((c) => taken.has(c))) {
      miss('its mean or std is already used by another normalization');
      continue;
    }
    const chain = formulaChain(z, g, claimed);
    for (const c of chain.nodes) claimed.add(c);

    // Intermediates the kernel does not write must not be read by anything else.
    const written = new Set<GraphNode>([mean, ...muAliases, std.sqrt, ...sigmaAliases, chain.output]);
    const readOutside = (n: GraphNode): boolean => g.roots.has(n) || (g.consumers.get(n) ?? []).some((c) => !claimed.has(c));
    const leak = [...claimed].find((c) => !written.has(c) && readOutside(c));
    if (leak) {
      miss(`${leak === d ? 'x - mean(x)' : leak === z ? '(x - mean(x)) ./ std(x)' : 'an intermediate of the std'} is also read elsewhere (node ${leak.id})`);
      continue;
    }

    const muLive = readOutside(mean) || muAliases.some(readOutside);
    const sigmaLive = readOutside(std.sqrt) || sigmaAliases.some(readOutside);
    for (const c of claimed) taken.add(c);
    const params: ImageNormalizeParams = {
      batch: grouping.batch,
      imageSize: grouping.imageSize,
      perImage: grouping.kind !== 'whole',
      layout: grouping.kind === 'BHW' ? 'BHW' : 'HWB',
      gain: chain.has.has('gain'),
      bias: chain.has.has('bias'),
      clampLo: chain.has.has('lo'),
      clampHi: chain.has.has('hi'),
      gamma: chain.has.has('gamma'),
      scalarBuffers: chain.scalarBuffers,
      clampOrder: chain.minFirst ? 'minFirst' : 'maxFirst',
    };
    const live = muLive && sigmaLive ? '; mu and sigma written as outputs (live)' : muLive ? '; mu written as an output (live)' : sigmaLive ? '; sigma written as an output (live)' : '';
    invocations.push({
      params,
      constants: chain.constants,
      x: grouping.base,
      scalarInputs: chain.scalarInputs,
      output: chain.output,
      mu: mean,
      sigma: std.sqrt,
      muLive,
      sigmaLive,
      aliases: g.order.filter((n) => muAliases.includes(n) || sigmaAliases.includes(n)),
      muAliases,
      claimed,
      variant: grouping.kind === 'whole' ? 'whole' : `per-image-${grouping.kind}`,
      reason: `ImageNormalize: ${grouping.kind === 'whole' ? 'whole-array' : 'per-image'} stats over ${describe(grouping)}, ${chain.steps.length > 0 ? chain.steps.join(', ') : 'no gain/bias/clamp/gamma'}${live}`,
    });
  }
  return { invocations, notMatched };
}

// ---- statistics ----

/** Follows views (reshapes, which keep their argument even once computed) down to the node that owns the data. */
function stripViews(n: GraphNode): GraphNode {
  while (n.op.kind === 'reshape') n = n.op.arg;
  return n;
}

/** The grouping of a mean reduction, or null when its groups are neither contiguous blocks nor interleaved. */
function groupingOf(n: GraphNode): Grouping | null {
  if (n.op.kind !== 'reduce' || n.op.op !== 'mean' || n.op.omitNaN) return null;
  const a = n.op.arg;
  const base = stripViews(a);
  const total = a.numel;
  if (total < 2 || base.op.kind === 'constant') return null;
  const { dim } = n.op;
  if (dim === 'all') return { base, kind: 'whole', batch: 1, imageSize: total };
  let before = 1;
  let after = 1;
  a.shape.forEach((s, k) => {
    if (k < dim) before *= s;
    else if (k > dim) after *= s;
  });
  const along = a.shape[dim] ?? 1;
  if (along < 2) return null;
  if (along === total) return { base, kind: 'whole', batch: 1, imageSize: total };
  // Reducing the leading dimension: image b is the contiguous block b·L … (b+1)·L − 1.
  if (before === 1) return { base, kind: 'HWB', batch: after, imageSize: along };
  // Reducing the trailing dimension: image b is every B-th element from b.
  if (after === 1) return { base, kind: 'BHW', batch: before, imageSize: along };
  return null;
}

function sameGrouping(a: Grouping, b: Grouping): boolean {
  return a.base === b.base && a.kind === b.kind && a.batch === b.batch && a.imageSize === b.imageSize;
}

function describe(gr: Grouping): string {
  if (gr.kind === 'whole') return `all ${gr.imageSize} elements`;
  return `${gr.batch} images of ${gr.imageSize} elements (${gr.kind === 'HWB' ? 'H×W×B' : 'B×H×W'})`;
}

/** The std pattern of the divisor of `z` (through views), or null. */
function stdOf(z: GraphNode, pending: ReadonlySet<GraphNode>): StdPattern | null {
  if (z.op.kind !== 'elementwise') return null;
  return stdPattern(stripViews(z.op.args[1]), pending);
}

/** sqrt(mean(square(a - mean(a))) [· n/(n−1)]) with both means over the same groups, all pending. */
function stdPattern(s: GraphNode, pending: ReadonlySet<GraphNode>): StdPattern | null {
  if (!pending.has(s) || s.op.kind !== 'elementwise' || s.op.op !== 'sqrt') return null;
  let v = s.op.args[0];
  let factor = 1;
  const inner: GraphNode[] = [];
  if (v.op.kind === 'elementwise' && v.op.op === 'mul' && pending.has(v)) {
    const [p, q] = v.op.args;
    const k = q.op.kind === 'constant' ? q : p.op.kind === 'constant' ? p : null;
    if (!k || k.op.kind !== 'constant') return null;
    factor = k.op.value;
    inner.push(v);
    v = k === q ? p : q;
  }
  const ms = v;
  if (!pending.has(ms) || ms.op.kind !== 'reduce' || ms.op.op !== 'mean' || ms.op.omitNaN) return null;
  const sq = ms.op.arg;
  if (!pending.has(sq) || sq.op.kind !== 'elementwise' || sq.op.op !== 'square') return null;
  const c = sq.op.args[0];
  if (!pending.has(c) || c.op.kind !== 'elementwise' || c.op.op !== 'sub') return null;
  const [a, mean] = c.op.args;
  if (!pending.has(mean) || mean.op.kind !== 'reduce' || mean.op.arg !== a || mean.op.dim !== ms.op.dim) return null;
  const grouping = groupingOf(mean);
  if (!grouping || c.numel !== a.numel) return null;
  const n = grouping.imageSize;
  // The factor lowering applies for w = 0 (exactly this double), or none for a single observation.
  const sample = n === 1 ? factor === 1 : factor === n / (n - 1);
  inner.push(ms, sq, c);
  return { sqrt: s, mean, grouping, sample, inner };
}

/**
 * Whether a statistic of shape `stat`, expanded over `x`, gives element e the value of its group:
 * whole → a scalar; H×W×B → 1 along the leading dimensions that make one image, x's sizes after;
 * B×H×W → x's sizes along the leading dimensions that make the batch, 1 after.
 */
function groupsBroadcast(stat: readonly number[], x: readonly number[], gr: Grouping): boolean {
  const rank = Math.max(stat.length, x.length);
  const s = (i: number) => stat[i] ?? 1;
  const xs = (i: number) => x[i] ?? 1;
  if (gr.kind === 'whole') return stat.every((d) => d === 1);
  const lead = gr.kind === 'HWB' ? gr.imageSize : gr.batch;
  let prefix = 1;
  for (let k = 0; k <= rank; k++) {
    if (prefix === lead) {
      let ok = true;
      for (let i = 0; i < rank && ok; i++) {
        const inLead = i < k;
        const want = gr.kind === 'HWB' ? (inLead ? 1 : xs(i)) : inLead ? xs(i) : 1;
        ok = s(i) === want;
      }
      if (ok) return true;
    }
    if (k < rank) prefix *= xs(k);
  }
  return false;
}

/** Pending views (reshapes) of `n`, and views of those, in no particular order. */
function viewsOf(n: GraphNode, g: PendingGraph): GraphNode[] {
  const out: GraphNode[] = [];
  const stack = [n];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    for (const c of g.consumers.get(cur) ?? []) {
      if (c.op.kind === 'reshape' && !out.includes(c)) {
        out.push(c);
        stack.push(c);
      }
    }
  }
  return out;
}

// ---- the formula after (x - mu) ./ sigma ----

interface Chain {
  /** Formula nodes after z (z itself is claimed by the caller). */
  nodes: GraphNode[];
  output: GraphNode;
  has: Set<'gain' | 'bias' | 'lo' | 'hi' | 'gamma'>;
  constants: ImageNormalizeConstants;
  scalarBuffers: ImageNormalizeScalar[];
  scalarInputs: GraphNode[];
  minFirst: boolean;
  /** For the reason: `gain 1.5`, `clamp [0,1]`, … */
  steps: string[];
}

/** The single pending consumer of `n`, when `n` itself need not be written (not a root). */
function soleConsumer(g: PendingGraph, n: GraphNode): GraphNode | null {
  const cs = g.consumers.get(n) ?? [];
  return cs.length === 1 && !g.roots.has(n) ? cs[0] : null;
}

/** Whether `n` (pending) reads any node of `set`, directly or through pending nodes. */
function dependsOn(n: GraphNode, set: ReadonlySet<GraphNode>, pending: ReadonlySet<GraphNode>): boolean {
  const seen = new Set<GraphNode>();
  const stack = [n];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    if (set.has(cur)) return true;
    if (seen.has(cur) || !pending.has(cur)) continue;
    seen.add(cur);
    stack.push(...cur.args);
  }
  return false;
}

/**
 * Follows z's single consumers while each is the next scalar step in the kernel's order (gain,
 * bias, clamps in either order, gamma). A step out of order, a non-scalar operand or a node read
 * elsewhere ends the chain; what follows runs as ordinary elementwise kernels reading the output.
 */
function formulaChain(z: GraphNode, g: PendingGraph, claimed: ReadonlySet<GraphNode>): Chain {
  const pending = new Set(g.order);
  const chain: Chain = { nodes: [], output: z, has: new Set(), constants: {}, scalarBuffers: [], scalarInputs: [], minFirst: false, steps: [] };
  let stage = -1;
  let cur = z;
  for (;;) {
    const c = soleConsumer(g, cur);
    if (!c || c.op.kind !== 'elementwise' || c.op.args.length !== 2 || c.numel !== cur.numel) break;
    const [p, q] = c.op.args;
    if ((p === cur) === (q === cur)) break;
    const other = p === cur ? q : p;
    const curFirst = p === cur;
    if (other.numel !== 1) break;
    const value = other.op.kind === 'constant' ? other.op.value : null;
    let step: Stage;
    let slot: 'gain' | 'bias' | 'lo' | 'hi' | 'gamma';
    let k: number | null = value;
    switch (c.op.op) {
      case 'mul':
        [step, slot] = ['gain', 'gain'];
        break;
      case 'add':
        [step, slot] = ['bias', 'bias'];
        break;
      case 'sub':
        // x - b is a bias of -b; b - x is not a step of the kernel, nor is a GPU scalar to negate.
        if (!curFirst || value === null) return chain;
        [step, slot, k] = ['bias', 'bias', -value];
        break;
      case 'max':
        [step, slot] = ['clamp', 'lo'];
        break;
      case 'min':
        [step, slot] = ['clamp', 'hi'];
        break;
      case 'pow':
        if (!curFirst) return chain;
        [step, slot] = ['gamma', 'gamma'];
        break;
      default:
        return chain;
    }
    const at = STAGES.indexOf(step);
    if (at < stage || (at === stage && (step !== 'clamp' || chain.has.has(slot)))) break;
    if (k === null) {
      // A 1×1 GPU value: bound as a buffer, when it does not itself depend on the kernel's work.
      if (chain.scalarBuffers.length >= MAX_SCALAR_BUFFERS) break;
      if (dependsOn(other, new Set([...claimed, ...chain.nodes]), pending)) break;
      chain.scalarBuffers.push(slot);
      chain.scalarInputs.push(other);
    } else chain.constants[slot] = k;
    if (slot === 'hi' && !chain.has.has('lo')) chain.minFirst = true;
    chain.has.add(slot);
    addStepText(chain, slot, k);
    chain.nodes.push(c);
    chain.output = c;
    stage = at;
    cur = c;
  }
  return chain;
}

/** The reason's words for a step just added; the second clamp replaces the first's words. */
function addStepText(chain: Chain, slot: 'gain' | 'bias' | 'lo' | 'hi' | 'gamma', k: number | null): void {
  const v = (x: number | null | undefined) => (x === null || x === undefined ? '(GPU scalar)' : String(x));
  if (slot !== 'lo' && slot !== 'hi') {
    chain.steps.push(`${slot} ${v(k)}`);
    return;
  }
  if (chain.has.has('lo') && chain.has.has('hi')) {
    chain.steps.pop();
    chain.steps.push(`clamp [${v(chain.constants.lo)},${v(chain.constants.hi)}]${chain.minFirst ? ' (min first)' : ''}`);
  } else chain.steps.push(slot === 'lo' ? `clamp >= ${v(k)}` : `clamp <= ${v(k)}`);
}

/** A few words on what a node is, for reasons. */
function what(n: GraphNode): string {
  if (n.op.kind === 'elementwise') return `an elementwise ${n.op.op}`;
  if (n.op.kind === 'constant') return `the constant ${n.op.value}`;
  return `a ${n.op.kind} node`;
}
