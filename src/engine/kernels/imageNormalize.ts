// The `image_normalize` kernel: out = ((x - mu) ./ sigma) * gain + bias, then max(·, lo) and
// min(·, hi) (in either order), .^ gamma (each step optional), with mu = mean and sigma = std
// (sample, n − 1, as MATLAB's std) over the whole array or per image of a batch. Which code
// becomes this kernel is the planner's ImageNormalize pass; this file only generates the three
// passes.
//
// Passes (every pass spreads over many workgroups, also for one image):
// 1. `stats`    : each workgroup reduces one chunk of one group (an image, or the whole array) to
//                 (mean, M2) of the group's values shifted by its first element (so f32 means of
//                 pixels far from 0, e.g. 1000 ± 0.5, keep their digits: the shift is exact by
//                 Sterbenz where it matters): each thread folds 4-element batches into its running (mean, M2) by
//                 Chan's merge (one division per 4 elements, no E[x²] − E[x]²), then the threads
//                 merge pairwise in workgroup memory. Counts are never stored: each is known from
//                 the chunk geometry (exact in u32). Writes 2 f32 per (group, chunk) to scratch.
// 2. `finalize` : one workgroup per group merges its chunks' partials the same way, adds the
//                 shift back, writes mu and sigma (sigma = 0 for a single element, as MATLAB's std).
// 3. `apply`    : the elementwise formula, 4 elements per thread (vec4 when the length allows).
//
// Layouts (column-major): 'HWB' (H×W×B: image b is the contiguous block b·L … (b+1)·L − 1) and
// 'BHW' (B×H×W: image b is every B-th element from b). For BHW the stats pass puts neighbouring
// threads on neighbouring images (BB of them, rounded to a power of two) so loads stay coalesced.
// Whole-array statistics (perImage false) ignore the layout: one contiguous group.
//
// Bindings:
//   stats    : x (read), scratch (read_write), uniform
//   finalize : x (read, for the shifts), scratch (read), mu (read_write), sigma (read_write), uniform
//   apply    : x (read), mu (read), sigma (read), [one 1-element buffer per scalar listed in
//              `scalarBuffers`, in that order], out (read_write), uniform
// mu and sigma hold one value per image (1 when perImage is false); the planner binds them to live
// `mu`/`sigma` variables or drops them. gain, bias, lo, hi and gamma are uniforms, except those the
// planner found as 1×1 GPU values (`scalarBuffers`): those are read from their buffers, so a
// scalar computed on the GPU never has to be read back to the host.

import { foldedGrid, programCacheKey, UniformWriter, type KernelProgram } from './program.ts';
import { WgslBuilder, withPreamble } from './wgslBuilder.ts';

export interface ImageNormalizeParams {
  batch: number;
  /** Elements per image (H·W). */
  imageSize: number;
  perImage: boolean;
  layout: 'BHW' | 'HWB';
  gain: boolean;
  bias: boolean;
  clampLo: boolean;
  clampHi: boolean;
  gamma: boolean;
  /** Steps whose scalar is read from a 1-element buffer (bound after sigma, in this order) instead of a uniform. */
  scalarBuffers?: readonly ImageNormalizeScalar[];
  /**
   * With both clamps: 'maxFirst' = min(max(·, lo), hi) (the default), 'minFirst' = max(min(·, hi), lo).
   * The order matters for NaN (max(NaN, lo) is lo) and when lo > hi.
   */
  clampOrder?: 'maxFirst' | 'minFirst';
}

export type ImageNormalizeScalar = 'gain' | 'bias' | 'lo' | 'hi' | 'gamma';

export interface ImageNormalizeConstants {
  gain?: number;
  bias?: number;
  lo?: number;
  hi?: number;
  gamma?: number;
}

export interface ImageNormalizeLimits {
  maxWorkgroupStorage: number;
  maxInvocations: number;
  maxWorkgroupsPerDimension: number;
}

export interface ImageNormalizePlan {
  passes: KernelProgram[];
  /** f32 elements of scratch between passes 1 and 2. */
  scratchLength: number;
}

const THREADS = 256;
/** Stats workgroups to aim for: several per SM on a large GPU (132 SMs on an H100). */
const TARGET_WORKGROUPS = 2048;
/** A stats chunk covers at least this many elements per thread. */
const MIN_PER_THREAD = 16;
/** Elements per thread in the apply pass. */
const APPLY_PER_THREAD = 4;

/** How the stats pass walks the data. */
type StatsMode = 'contiguous' | 'strided';

interface StatsCode {
  readonly mode: StatsMode;
  /** 16-byte loads: contiguous groups whose length and chunk are multiples of 4. */
  readonly vec4: boolean;
  /** strided: images per workgroup (power of two, lanes along b); the rest of the threads go along the image. */
  readonly imagesPerGroup: number;
  readonly threads: number;
}

export function buildImageNormalize(
  params: ImageNormalizeParams,
  constants: ImageNormalizeConstants,
  limits: ImageNormalizeLimits,
): ImageNormalizePlan {
  const { batch, imageSize } = params;
  if (!Number.isInteger(batch) || batch < 1 || !Number.isInteger(imageSize) || imageSize < 1) {
    throw new Error(`image_normalize: bad sizes batch=${batch} imageSize=${imageSize}`);
  }
  if (limits.maxInvocations < THREADS) throw new Error(`image_normalize: needs ${THREADS} invocations per workgroup`);
  const total = batch * imageSize;
  const groups = params.perImage ? batch : 1;
  const len = params.perImage ? imageSize : total;
  const mode: StatsMode = params.perImage && params.layout === 'BHW' && batch > 1 ? 'strided' : 'contiguous';
  const maxGrid = limits.maxWorkgroupsPerDimension;

  // ---- pass 1: chunks ----
  let imagesPerGroup = 1;
  let lanesAlong = THREADS;
  if (mode === 'strided') {
    imagesPerGroup = Math.min(64, nextPow2(batch));
    lanesAlong = THREADS / imagesPerGroup;
  }
  const imageBlocks = Math.ceil(groups / imagesPerGroup);
  const vec4 = mode === 'contiguous' && len % 4 === 0;
  const minChunk = lanesAlong * MIN_PER_THREAD;
  let chunks = Math.max(1, Math.min(Math.ceil(TARGET_WORKGROUPS / imageBlocks), Math.floor(len / minChunk)));
  let chunkLen = Math.ceil(len / chunks);
  if (vec4) chunkLen = Math.ceil(chunkLen / 4) * 4;
  chunks = Math.ceil(len / chunkLen);
  const statsCode: StatsCode = { mode, vec4, imagesPerGroup, threads: THREADS };
  const partials = groups * chunks;
  const scratchLength = 2 * partials;
  const statsUniforms = new UniformWriter().u32(groups).u32(len).u32(chunks).u32(chunkLen).u32(imageBlocks).u32(batch).finish();
  const stats: KernelProgram = {
    name: 'image_normalize',
    variant: 'stats',
    wgsl: emitStats(statsCode),
    cacheKey: programCacheKey('image_normalize', { pass: 'stats', ...statsCode }),
    bindings: [
      { binding: 0, kind: 'read' },
      { binding: 1, kind: 'read_write' },
      { binding: 2, kind: 'uniform' },
    ],
    workgroupSize: [THREADS, 1, 1],
    workgroups: foldedGrid(imageBlocks * chunks * THREADS, THREADS, maxGrid),
    uniforms: statsUniforms,
    flops: 4 * total,
    bytes: 4 * (total + scratchLength),
    boundBy: 'bytes',
    shapes: [[total], [scratchLength]],
  };

  // ---- pass 2: merge each group's chunks ----
  const finalizeCode = { threads: THREADS };
  const finalize: KernelProgram = {
    name: 'image_normalize',
    variant: 'finalize',
    wgsl: emitFinalize(finalizeCode),
    cacheKey: programCacheKey('image_normalize', { pass: 'finalize', ...finalizeCode }),
    bindings: [
      { binding: 0, kind: 'read' },
      { binding: 1, kind: 'read' },
      { binding: 2, kind: 'read_write' },
      { binding: 3, kind: 'read_write' },
      { binding: 4, kind: 'uniform' },
    ],
    workgroupSize: [THREADS, 1, 1],
    workgroups: foldedGrid(groups * THREADS, THREADS, maxGrid),
    // group_stride: where group g starts (its shift element), g·len when contiguous, g when strided.
    uniforms: new UniformWriter().u32(groups).u32(len).u32(chunks).u32(chunkLen).u32(mode === 'strided' ? 1 : len).finish(),
    flops: 8 * partials,
    bytes: 4 * (scratchLength + 2 * groups),
    boundBy: 'bytes',
    shapes: [[total], [scratchLength], [groups, 1], [groups, 1]],
  };

  // ---- pass 3: apply ----
  const applyCode = {
    groupOf: !params.perImage ? ('one' as const) : params.layout === 'HWB' ? ('block' as const) : ('interleaved' as const),
    vec4: total % 4 === 0,
    // A vec4 never straddles two groups: one mu/sigma load per 4 elements.
    vec4OneGroup: total % 4 === 0 && (!params.perImage || (params.layout === 'HWB' && imageSize % 4 === 0) || batch === 1),
    gain: params.gain,
    bias: params.bias,
    clampLo: params.clampLo,
    clampHi: params.clampHi,
    gamma: params.gamma,
    scalarBuffers: [...(params.scalarBuffers ?? [])],
    minFirst: params.clampOrder === 'minFirst' && params.clampLo && params.clampHi,
    threads: THREADS,
  };
  const scalarCount = applyCode.scalarBuffers.length;
  const items = applyCode.vec4 ? total / 4 : Math.ceil(total / APPLY_PER_THREAD);
  const apply: KernelProgram = {
    name: 'image_normalize',
    variant: 'apply',
    wgsl: emitApply(applyCode),
    cacheKey: programCacheKey('image_normalize', { pass: 'apply', ...applyCode }),
    bindings: [
      { binding: 0, kind: 'read' },
      { binding: 1, kind: 'read' },
      { binding: 2, kind: 'read' },
      ...applyCode.scalarBuffers.map((_, i) => ({ binding: 3 + i, kind: 'read' as const })),
      { binding: 3 + scalarCount, kind: 'read_write' },
      { binding: 4 + scalarCount, kind: 'uniform' },
    ],
    workgroupSize: [THREADS, 1, 1],
    workgroups: foldedGrid(items, THREADS, maxGrid),
    uniforms: new UniformWriter()
      .u32(total).u32(imageSize).u32(batch).u32(0)
      .u32(f32Bits(constants.gain ?? 1)).u32(f32Bits(constants.bias ?? 0)).u32(f32Bits(constants.lo ?? 0)).u32(f32Bits(constants.hi ?? 0))
      .u32(f32Bits(constants.gamma ?? 1))
      .finish(),
    flops: 8 * total,
    bytes: 4 * (2 * total + 2 * groups),
    boundBy: 'bytes',
    shapes: params.layout === 'BHW'
      ? [[batch, imageSize], [groups, 1], [groups, 1], ...applyCode.scalarBuffers.map(() => [1, 1]), [batch, imageSize]]
      : [[imageSize, batch], [groups, 1], [groups, 1], ...applyCode.scalarBuffers.map(() => [1, 1]), [imageSize, batch]],
  };
  return { passes: [stats, finalize, apply], scratchLength };
}

// ---- WGSL ----

/**
 * Chan's merge of (n_a, mean_a, M2_a) with (n_b, mean_b, M2_b), counts as f32 (exact to 2^24,
 * and only their ratios matter beyond): the numerically sound pairwise update.
 */
const MERGE_FN = `fn merge(na: f32, a: vec2<f32>, nb: f32, b: vec2<f32>) -> vec2<f32> {
  let n = na + nb;
  if (nb == 0.0) { return a; }
  if (na == 0.0) { return b; }
  let d = b.x - a.x;
  let wb = nb / n;
  return vec2<f32>(a.x + d * wb, a.y + b.y + d * d * na * wb);
}`;

function emitStats(code: StatsCode): string {
  const w = new WgslBuilder();
  const T = code.threads;
  w.emit(`// image_normalize stats: ${code.mode}${code.vec4 ? ', vec4 loads' : ''}; per chunk (mean, M2) by Chan merges`);
  w.block('struct Params', () => w.emit('groups: u32,', 'len: u32,', 'chunks: u32,', 'chunk_len: u32,', 'image_blocks: u32,', 'batch: u32,'));
  w.emit('');
  w.emit(`@group(0) @binding(0) var<storage, read> x: array<${code.vec4 ? 'vec4<f32>' : 'f32'}>;`);
  w.emit('@group(0) @binding(1) var<storage, read_write> partials: array<vec2<f32>>;');
  w.emit('@group(0) @binding(2) var<uniform> params: Params;');
  w.emit(`var<workgroup> s_stat: array<vec2<f32>, ${T}>;`);
  w.emit(`var<workgroup> s_n: array<f32, ${T}>;`);
  w.emit('');
  w.emit(MERGE_FN, '');
  w.emit(`@compute @workgroup_size(${T})`);
  w.block('fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32)', () => {
    w.emit('let wg = wid.x + wid.y * groups.x;');
    w.emit('// Workgroup-uniform exit: barriers below stay in uniform control flow.');
    w.block('if (wg >= params.image_blocks * params.chunks)', () => w.emit('return;'));
    w.emit('let chunk = wg % params.chunks;', 'let block = wg / params.chunks;');
    w.emit('let t0 = chunk * params.chunk_len;', 'let t1 = min(t0 + params.chunk_len, params.len);');
    w.emit('var n = 0.0;', 'var st = vec2<f32>(0.0);');
    if (code.mode === 'contiguous') {
      w.emit('let base = block * params.len;');
      w.emit(code.vec4 ? 'let shift = x[base / 4u].x;' : 'let shift = x[base];');
      if (code.vec4) {
        w.emit('// len and chunk_len are multiples of 4: whole vec4s, each a batch of 4 merged at once.');
        w.block(`for (var t = t0 + 4u * lid; t < t1; t = t + ${4 * T}u)`, () => {
          w.emit('let v = x[(base + t) / 4u] - vec4<f32>(shift);');
          w.emit('let m4 = (v.x + v.y + v.z + v.w) * 0.25;');
          w.emit('let d = v - vec4<f32>(m4);');
          w.emit('st = merge(n, st, 4.0, vec2<f32>(m4, dot(d, d)));');
          w.emit('n = n + 4.0;');
        });
      } else {
        w.block(`for (var t = t0 + lid; t < t1; t = t + ${T}u)`, () => {
          w.emit('st = merge(n, st, 1.0, vec2<f32>(x[base + t] - shift, 0.0));');
          w.emit('n = n + 1.0;');
        });
      }
    } else {
      const B = code.imagesPerGroup;
      w.emit(`// Lanes: image b = block·${B} + lid % ${B}, element lane lid / ${B}; neighbours read neighbouring images.`);
      w.emit(`let b = block * ${B}u + lid % ${B}u;`, `let lane = lid / ${B}u;`);
      const TL = T / B;
      w.block('if (b < params.batch)', () => {
        w.emit('let shift = x[b];');
        w.emit('var t = t0 + lane;');
        w.emit('// Batches of 4 (four loads in flight, one division per 4 elements), then the rest one by one.');
        w.block(`for (; t + ${3 * TL}u < t1; t = t + ${4 * TL}u)`, () => {
          w.emit(`let v = vec4<f32>(${[0, 1, 2, 3].map((q) => `x[b + (t + ${q * TL}u) * params.batch]`).join(', ')}) - vec4<f32>(shift);`);
          w.emit('let m4 = (v.x + v.y + v.z + v.w) * 0.25;');
          w.emit('let d = v - vec4<f32>(m4);');
          w.emit('st = merge(n, st, 4.0, vec2<f32>(m4, dot(d, d)));');
          w.emit('n = n + 4.0;');
        });
        w.block(`for (; t < t1; t = t + ${TL}u)`, () => {
          w.emit('st = merge(n, st, 1.0, vec2<f32>(x[b + t * params.batch] - shift, 0.0));');
          w.emit('n = n + 1.0;');
        });
      });
    }
    w.emit('s_stat[lid] = st;', 's_n[lid] = n;');
    w.emit('workgroupBarrier();');
    // Tree: in the strided mode lanes of one image are B apart, so the tree stops at B values.
    const stop = code.mode === 'strided' ? code.imagesPerGroup : 1;
    for (let s = T / 2; s >= stop; s /= 2) {
      w.block(`if (lid < ${s}u)`, () => {
        w.emit(`s_stat[lid] = merge(s_n[lid], s_stat[lid], s_n[lid + ${s}u], s_stat[lid + ${s}u]);`);
        w.emit(`s_n[lid] = s_n[lid] + s_n[lid + ${s}u];`);
      });
      w.emit('workgroupBarrier();');
    }
    if (code.mode === 'contiguous') {
      w.block('if (lid == 0u)', () => w.emit('partials[block * params.chunks + chunk] = s_stat[0];'));
    } else {
      w.block(`if (lid < ${code.imagesPerGroup}u && block * ${code.imagesPerGroup}u + lid < params.batch)`, () => {
        w.emit(`partials[(block * ${code.imagesPerGroup}u + lid) * params.chunks + chunk] = s_stat[lid];`);
      });
    }
  });
  return w.toString();
}

function emitFinalize(code: { threads: number }): string {
  const T = code.threads;
  const w = new WgslBuilder();
  w.emit('// image_normalize finalize: merge each group\'s chunk partials, write mu and sigma (n − 1)');
  w.block('struct Params', () => w.emit('groups: u32,', 'len: u32,', 'chunks: u32,', 'chunk_len: u32,', 'group_stride: u32,'));
  w.emit('');
  w.emit('@group(0) @binding(0) var<storage, read> x: array<f32>;');
  w.emit('@group(0) @binding(1) var<storage, read> partials: array<vec2<f32>>;');
  w.emit('@group(0) @binding(2) var<storage, read_write> mu: array<f32>;');
  w.emit('@group(0) @binding(3) var<storage, read_write> sigma: array<f32>;');
  w.emit('@group(0) @binding(4) var<uniform> params: Params;');
  w.emit(`var<workgroup> s_stat: array<vec2<f32>, ${T}>;`);
  w.emit(`var<workgroup> s_n: array<f32, ${T}>;`);
  w.emit('');
  w.emit(MERGE_FN, '');
  w.emit(`@compute @workgroup_size(${T})`);
  w.block('fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32)', () => {
    w.emit('let g = wid.x + wid.y * groups.x;');
    w.block('if (g >= params.groups)', () => w.emit('return;'));
    w.emit('var n = 0.0;', 'var st = vec2<f32>(0.0);');
    w.block(`for (var c = lid; c < params.chunks; c = c + ${T}u)`, () => {
      w.emit('// Chunk c holds min(chunk_len, len - c·chunk_len) elements: known, not stored.');
      w.emit('let count = f32(min(params.chunk_len, params.len - c * params.chunk_len));');
      w.emit('st = merge(n, st, count, partials[g * params.chunks + c]);');
      w.emit('n = n + count;');
    });
    w.emit('s_stat[lid] = st;', 's_n[lid] = n;');
    w.emit('workgroupBarrier();');
    for (let s = T / 2; s >= 1; s /= 2) {
      w.block(`if (lid < ${s}u)`, () => {
        w.emit(`s_stat[lid] = merge(s_n[lid], s_stat[lid], s_n[lid + ${s}u], s_stat[lid + ${s}u]);`);
        w.emit(`s_n[lid] = s_n[lid] + s_n[lid + ${s}u];`);
      });
      w.emit('workgroupBarrier();');
    }
    w.block('if (lid == 0u)', () => {
      w.emit('// The partials are of x - shift, shift = the group\'s first element.');
      w.emit('mu[g] = x[g * params.group_stride] + s_stat[0].x;');
      w.emit('// MATLAB std of one element is 0.');
      w.emit('sigma[g] = select(sqrt(s_stat[0].y / f32(params.len - 1u)), 0.0, params.len <= 1u);');
    });
  });
  return w.toString();
}

interface ApplyCode {
  groupOf: 'one' | 'block' | 'interleaved';
  vec4: boolean;
  vec4OneGroup: boolean;
  gain: boolean;
  bias: boolean;
  clampLo: boolean;
  clampHi: boolean;
  gamma: boolean;
  scalarBuffers: ImageNormalizeScalar[];
  /** Both clamps, min applied before max. */
  minFirst: boolean;
  threads: number;
}

function emitApply(code: ApplyCode): string {
  const T = code.threads;
  const w = new WgslBuilder();
  const clamps = code.minFirst ? ', min hi, max lo' : `${code.clampLo ? ', max lo' : ''}${code.clampHi ? ', min hi' : ''}`;
  w.emit(`// image_normalize apply: ((x - mu) / sigma)${code.gain ? ' * gain' : ''}${code.bias ? ' + bias' : ''}${clamps}${code.gamma ? ', .^ gamma' : ''}`);
  w.block('struct Params', () => w.emit('total: u32,', 'image_size: u32,', 'batch: u32,', 'pad: u32,', 'gain: f32,', 'bias: f32,', 'lo: f32,', 'hi: f32,', 'gamma: f32,'));
  w.emit('');
  w.emit(`@group(0) @binding(0) var<storage, read> x: array<${code.vec4 ? 'vec4<f32>' : 'f32'}>;`);
  w.emit('@group(0) @binding(1) var<storage, read> mu: array<f32>;');
  w.emit('@group(0) @binding(2) var<storage, read> sigma: array<f32>;');
  code.scalarBuffers.forEach((name, i) => w.emit(`@group(0) @binding(${3 + i}) var<storage, read> s_${name}: array<f32>;`));
  const k = code.scalarBuffers.length;
  w.emit(`@group(0) @binding(${3 + k}) var<storage, read_write> out: array<${code.vec4 ? 'vec4<f32>' : 'f32'}>;`);
  w.emit(`@group(0) @binding(${4 + k}) var<uniform> params: Params;`);
  // A scalar from its 1×1 GPU buffer, or from the uniforms.
  const scalar = (name: ImageNormalizeScalar): string => (code.scalarBuffers.includes(name) ? `s_${name}[0]` : `params.${name}`);
  w.emit('');
  const group = code.groupOf === 'one' ? '0u' : code.groupOf === 'block' ? 'e / params.image_size' : 'e % params.batch';
  w.block('fn normalize(v: f32, e: u32) -> f32', () => {
    w.emit(`let g = ${group};`);
    w.emit('return finish((v - mu[g]) / sigma[g]);');
  });
  w.emit('');
  w.emit('// gain, bias, clamps, gamma.');
  w.block('fn finish(value: f32) -> f32', () => {
    w.emit('var r = value;');
    if (code.gain) w.emit(`r = r * ${scalar('gain')};`);
    if (code.bias) w.emit(`r = r + ${scalar('bias')};`);
    if (code.minFirst) w.emit(`r = mb_min(r, ${scalar('hi')});`);
    if (code.clampLo) w.emit(`r = mb_max(r, ${scalar('lo')});`);
    if (code.clampHi && !code.minFirst) w.emit(`r = mb_min(r, ${scalar('hi')});`);
    if (code.gamma) w.emit(`r = mb_pow(r, ${scalar('gamma')});`);
    w.emit('return r;');
  });
  w.emit('');
  w.emit(`@compute @workgroup_size(${T})`);
  w.block('fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>)', () => {
    w.emit(`let t = gid.x + gid.y * groups.x * ${T}u;`);
    if (code.vec4) {
      w.block('if (t >= params.total / 4u)', () => w.emit('return;'));
      w.emit('let v = x[t];', 'let e = 4u * t;');
      if (code.vec4OneGroup) {
        w.emit(`let g = ${group};`);
        w.emit('let r = (v - vec4<f32>(mu[g])) / vec4<f32>(sigma[g]);');
        w.emit('out[t] = vec4<f32>(finish(r.x), finish(r.y), finish(r.z), finish(r.w));');
      } else {
        w.emit('out[t] = vec4<f32>(normalize(v.x, e), normalize(v.y, e + 1u), normalize(v.z, e + 2u), normalize(v.w, e + 3u));');
      }
    } else {
      w.emit(`// ${APPLY_PER_THREAD} elements per thread, one workgroup-wide block apart, so accesses stay coalesced.`);
      w.emit(`let first = (t / ${T}u) * ${T * APPLY_PER_THREAD}u + t % ${T}u;`);
      w.block(`for (var q = 0u; q < ${APPLY_PER_THREAD}u; q = q + 1u)`, () => {
        w.emit(`let e = first + q * ${T}u;`);
        w.block('if (e < params.total)', () => w.emit('out[e] = normalize(x[e], e);'));
      });
    }
  });
  return withPreamble(w.toString());
}

function nextPow2(v: number): number {
  let p = 1;
  while (p < v) p *= 2;
  return p;
}

function f32Bits(value: number): number {
  return new Uint32Array(Float32Array.of(value).buffer)[0];
}
