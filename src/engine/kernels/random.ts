// The `random` kernel family: `rand`/`randn`-style fills from Philox4x32-10 (Salmon et al.,
// "Parallel random numbers: as easy as 1, 2, 3", SC'11), a counter-based generator: block q of
// four u32 words is a pure function of (key, counter + q), so any thread can make any element and
// the host can reproduce them. Element i takes word i mod 4 of block floor(i / 4).
//
// Distributions: `uniform` maps a word w to ((w >> 9) + 0.5) · 2^-23, exact in f32 and strictly
// inside (0, 1) (never 0 or 1). `normal` applies Box–Muller to the uniform pairs (words 0,1 and
// 2,3 of a block): r = sqrt(-2 ln u0), z0 = r cos(2π u1), z1 = r sin(2π u1).
//
// Key and counter are uniforms, not in the cache key: one pipeline per distribution. Choosing
// keys (from the seed) and advancing counters between calls is the caller's business. The host
// references below give the same uniforms bit for bit, and the normals to within f32 rounding.
//
// The generator's WGSL (emitPhiloxFunctions) is also what the fused elementwise kernel calls when
// the planner has it generate a fill in-kernel instead of reading a buffer this kernel wrote: one
// text, so both produce the same numbers for the same (key, counter, element).
//
// Binding: output (read_write), uniform.

import { DEFAULT_MAX_WORKGROUPS_PER_DIMENSION, foldedGrid, programCacheKey, UniformWriter, type KernelProgram } from './program.ts';
import { WgslBuilder, withPreamble } from './wgslBuilder.ts';

export type RandomDist = 'uniform' | 'normal';

export interface RandomParams {
  dist: RandomDist;
  length: number;
}

export const RANDOM_WORKGROUP_SIZE = 256;

// Philox4x32 constants (Random123): round multipliers and the Weyl key increments.
const PHILOX_M0 = 0xd2511f53;
const PHILOX_M1 = 0xcd9e8d57;
const PHILOX_W0 = 0x9e3779b9;
const PHILOX_W1 = 0xbb67ae85;
const PHILOX_ROUNDS = 10;

/** Word → uniform in (0, 1): 23 random bits, centred in their interval (exact in f32). */
const UNIFORM_SCALE = 2 ** -23;

export function buildRandom(
  params: RandomParams,
  key: [number, number],
  counter: number,
  maxWorkgroupsPerDimension = DEFAULT_MAX_WORKGROUPS_PER_DIMENSION,
): KernelProgram {
  const { dist, length } = params;
  if (!Number.isInteger(length) || length < 0) throw new Error(`random: bad length ${length}`);
  const stream = randomStreamWords(key, counter);
  const blocks = Math.ceil(length / 4);
  const code = { dist, workgroupSize: RANDOM_WORKGROUP_SIZE };
  // Layout mirrors the Params struct of emitRandom.
  const uniforms = new UniformWriter().u32(length).u32(blocks).vec4Array(stream, 1).finish();
  return {
    name: 'random',
    variant: dist,
    wgsl: emitRandom(code),
    cacheKey: programCacheKey('random', code),
    bindings: [
      { binding: 0, kind: 'read_write' },
      { binding: 1, kind: 'uniform' },
    ],
    workgroupSize: [RANDOM_WORKGROUP_SIZE, 1, 1],
    workgroups: foldedGrid(blocks, RANDOM_WORKGROUP_SIZE, maxWorkgroupsPerDimension),
    uniforms,
    // Ten rounds of two 32×32→64 multiplies per block, counted as ~4 operations per element.
    flops: (PHILOX_ROUNDS * 4 + (dist === 'normal' ? 20 : 2)) * length,
    bytes: 4 * length,
    boundBy: 'bytes',
    shapes: [[length]],
  };
}

function emitRandom(code: { dist: RandomDist; workgroupSize: number }): string {
  const w = new WgslBuilder();
  w.emit(`// random ${code.dist}: Philox4x32-${PHILOX_ROUNDS}, one block of four elements per thread`);
  w.block('struct Params', () => {
    w.emit('length: u32,', 'blocks: u32,', '// (key0, key1, counter_lo, counter_hi): see emitPhiloxFunctions', 'stream: vec4<u32>,');
  });
  w.emit('');
  w.emit('@group(0) @binding(0) var<storage, read_write> result: array<f32>;');
  w.emit('@group(0) @binding(1) var<uniform> params: Params;');
  w.emit('');
  emitPhiloxFunctions(w, [code.dist]);
  w.emit(`@compute @workgroup_size(${code.workgroupSize})`);
  w.block('fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>)', () => {
    w.emit(`let q = gid.x + gid.y * groups.x * ${code.workgroupSize}u;`);
    w.block('if (q >= params.blocks)', () => w.emit('return;'));
    w.emit(`let v = ${randomBlockFunction(code.dist)}(params.stream, q);`);
    w.emit('let i = q * 4u;');
    w.block('if (i + 3u < params.length)', () => {
      w.emit('result[i] = v.x;', 'result[i + 1u] = v.y;', 'result[i + 2u] = v.z;', 'result[i + 3u] = v.w;');
      w.emit('return;');
    });
    w.block('for (var j = 0u; j < 4u && i + j < params.length; j++)', () => w.emit('result[i + j] = v[j];'));
  });
  return withPreamble(w.toString());
}

// ---- the WGSL shared with kernels that generate fills in-kernel ----

/**
 * The uniform words of one random stream, in the order the WGSL functions read a `vec4<u32>`
 * stream: (key0, key1, counter_lo, counter_hi). Keys and counters are uniforms in every kernel
 * that draws, never code, so a loop drawing fresh numbers each iteration reuses its pipelines.
 */
export function randomStreamWords(key: readonly [number, number], counter: number): [number, number, number, number] {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new Error(`random: counter must be a non-negative safe integer, got ${counter}`);
  return [key[0] >>> 0, key[1] >>> 0, counter % 2 ** 32, Math.floor(counter / 2 ** 32)];
}

/** WGSL `fn(stream: vec4<u32>, q: u32) -> vec4<f32>`: the four elements of block q (elements 4q … 4q+3). */
export function randomBlockFunction(dist: RandomDist): string {
  return `random_${dist}_block`;
}

/** WGSL `fn(stream: vec4<u32>, i: u32) -> f32`: element i alone, equal to lane i mod 4 of its block. */
export function randomElementFunction(dist: RandomDist): string {
  return `random_${dist}_at`;
}

/**
 * Emits the Philox4x32-10 generator and, per distribution asked for, the block and element
 * functions named by randomBlockFunction / randomElementFunction. The standalone `random` kernel
 * and the fused kernels that generate a fill in-kernel (fusedElementwise.ts, and through it the
 * reduction producers) all draw through this one text, so a fill generated in-kernel has the
 * numbers the standalone kernel would have written. The element function repeats the block
 * function's arithmetic for one lane (a normal lane computes its own Box–Muller pair only).
 */
export function emitPhiloxFunctions(w: WgslBuilder, dists: Iterable<RandomDist>): void {
  const wanted = new Set(dists);
  const hex = (v: number): string => `0x${v.toString(16)}u`;
  w.emit('// (high, low) words of the 64-bit product a·b, from 16-bit halves (WGSL has no u64).');
  w.block('fn philox_mulhilo(a: u32, b: u32) -> vec2<u32>', () => {
    w.emit('let al = a & 0xffffu;', 'let ah = a >> 16u;', 'let bl = b & 0xffffu;', 'let bh = b >> 16u;');
    w.emit('let ll = al * bl;', 'let lh = al * bh;', 'let hl = ah * bl;');
    w.emit('let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);');
    w.emit('return vec2<u32>(ah * bh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u), a * b);');
  });
  w.block('fn philox(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32>', () => {
    w.emit('var c = counter;', 'var k = key;');
    w.block(`for (var r = 0u; r < ${PHILOX_ROUNDS}u; r++)`, () => {
      w.emit(`let p0 = philox_mulhilo(${hex(PHILOX_M0)}, c.x);`, `let p1 = philox_mulhilo(${hex(PHILOX_M1)}, c.z);`);
      w.emit('c = vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);');
      w.emit(`k = k + vec2<u32>(${hex(PHILOX_W0)}, ${hex(PHILOX_W1)});`);
    });
    w.emit('return c;');
  });
  w.emit('// Block q of a stream (key0, key1, counter_lo, counter_hi): the 64-bit counter + q, carried by hand.');
  w.block('fn philox_block(stream: vec4<u32>, q: u32) -> vec4<u32>', () => {
    w.emit('let lo = stream.z + q;');
    w.emit('let hi = stream.w + select(0u, 1u, lo < q);');
    w.emit('return philox(vec4<u32>(lo, hi, 0u, 0u), stream.xy);');
  });
  w.emit(`fn philox_uniform(x: u32) -> f32 { return (f32(x >> 9u) + 0.5) * ${UNIFORM_SCALE.toExponential()}; }`);
  if (wanted.has('uniform')) {
    w.block(`fn ${randomBlockFunction('uniform')}(stream: vec4<u32>, q: u32) -> vec4<f32>`, () => {
      w.emit('let bits = philox_block(stream, q);');
      w.emit('return vec4<f32>(philox_uniform(bits.x), philox_uniform(bits.y), philox_uniform(bits.z), philox_uniform(bits.w));');
    });
    w.block(`fn ${randomElementFunction('uniform')}(stream: vec4<u32>, i: u32) -> f32`, () => {
      w.emit('return philox_uniform(philox_block(stream, i >> 2u)[i & 3u]);');
    });
  }
  if (wanted.has('normal')) {
    w.emit('// Box–Muller: two uniforms in (0, 1) → two independent standard normals.');
    w.block('fn philox_box_muller(x: u32, y: u32) -> vec2<f32>', () => {
      w.emit('let r = sqrt(-2.0 * log(philox_uniform(x)));');
      w.emit('let sc = mb_sincos(6.283185307179586 * philox_uniform(y));');
      w.emit('return vec2<f32>(r * sc.y, r * sc.x);');
    });
    w.block(`fn ${randomBlockFunction('normal')}(stream: vec4<u32>, q: u32) -> vec4<f32>`, () => {
      w.emit('let bits = philox_block(stream, q);');
      w.emit('return vec4<f32>(philox_box_muller(bits.x, bits.y), philox_box_muller(bits.z, bits.w));');
    });
    w.block(`fn ${randomElementFunction('normal')}(stream: vec4<u32>, i: u32) -> f32`, () => {
      w.emit('let bits = philox_block(stream, i >> 2u);');
      w.emit('// Lanes 0, 1 share the pair of words (x, y); lanes 2, 3 the pair (z, w).');
      w.emit('let pair = select(bits.xy, bits.zw, (i & 2u) != 0u);');
      w.emit('return philox_box_muller(pair.x, pair.y)[i & 1u];');
    });
  }
  w.emit('');
}

// ---- host references ----

/** (high, low) 32-bit words of a·b for u32 a, b: the same arithmetic as the WGSL `mulhilo`. */
function mulhilo(a: number, b: number): [number, number] {
  const al = a & 0xffff;
  const ah = a >>> 16;
  const bl = b & 0xffff;
  const bh = b >>> 16;
  const ll = al * bl;
  const lh = al * bh;
  const hl = ah * bl;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  const hi = (ah * bh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
  return [hi, Math.imul(a, b) >>> 0];
}

/** Philox4x32-10 of one 128-bit counter (four u32 words) under a 64-bit key (two u32 words). */
export function philox4x32(counter: readonly [number, number, number, number], key: readonly [number, number]): [number, number, number, number] {
  let [c0, c1, c2, c3] = counter.map((v) => v >>> 0);
  let k0 = key[0] >>> 0;
  let k1 = key[1] >>> 0;
  for (let r = 0; r < PHILOX_ROUNDS; r++) {
    const [hi0, lo0] = mulhilo(PHILOX_M0, c0);
    const [hi1, lo1] = mulhilo(PHILOX_M1, c2);
    [c0, c1, c2, c3] = [(hi1 ^ c1 ^ k0) >>> 0, lo1, (hi0 ^ c3 ^ k1) >>> 0, lo0];
    k0 = (k0 + PHILOX_W0) >>> 0;
    k1 = (k1 + PHILOX_W1) >>> 0;
  }
  return [c0, c1, c2, c3];
}

/** The raw words the kernel draws: element i is word i mod 4 of block counter + floor(i / 4). */
function philoxWords(key: [number, number], counter: number, length: number): Uint32Array {
  const words = new Uint32Array(Math.ceil(length / 4) * 4);
  for (let q = 0; q * 4 < length; q++) {
    const c = counter + q;
    const block = philox4x32([c % 2 ** 32, Math.floor(c / 2 ** 32) % 2 ** 32, 0, 0], key);
    words.set(block, q * 4);
  }
  return words;
}

function toUniform(word: number): number {
  return ((word >>> 9) + 0.5) * UNIFORM_SCALE;
}

/** Bit-identical host reference for buildRandom({ dist: 'uniform', length }, key, counter). */
export function philoxUniformHost(key: [number, number], counter: number, length: number): Float32Array {
  const words = philoxWords(key, counter, length);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = toUniform(words[i]);
  return out;
}

/**
 * Host reference for buildRandom({ dist: 'normal', length }, key, counter), computed in f64 from
 * the same uniforms: the GPU's f32 log/sqrt/sincos agree to a few ulp, not bit for bit.
 */
export function philoxNormalHost(key: [number, number], counter: number, length: number): Float32Array {
  const words = philoxWords(key, counter, length);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(toUniform(words[i])));
    const theta = 2 * Math.PI * toUniform(words[i + 1]);
    out[i] = r * Math.cos(theta);
    if (i + 1 < length) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}
