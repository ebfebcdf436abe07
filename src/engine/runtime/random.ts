// The session's random stream: Mersenne Twister (mt19937ar), the generator MATLAB uses by
// default, so `rng(0); rand` gives MATLAB's 0.8147. Normals use the polar method (MATLAB's
// ziggurat values are not reproduced; the distribution is the same).

import type { RandomSource } from '../builtins/types.ts';

export class MersenneTwister implements RandomSource {
  private readonly mt = new Uint32Array(624);
  private index = 625;
  private spare: number | null = null;
  currentSeed = 0;
  generation = 0;

  constructor(seed = 0) {
    this.seed(seed);
  }

  seed(s: number): void {
    this.currentSeed = s;
    this.generation++;
    // MATLAB's 'twister' maps seed 0 to the reference implementation's default seed 5489.
    let x = s === 0 ? 5489 : s >>> 0;
    this.mt[0] = x;
    for (let i = 1; i < 624; i++) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      x = (Math.imul(1812433253, prev) + i) >>> 0;
      this.mt[i] = x;
    }
    this.index = 624;
    this.spare = null;
  }

  private nextUint32(): number {
    const mt = this.mt;
    if (this.index >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
        mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** 624 twister words, the read position, and a pending normal (NaN when none). */
  state(): Float64Array {
    const s = new Float64Array(626);
    s.set(this.mt);
    s[624] = this.index;
    s[625] = this.spare ?? NaN;
    return s;
  }

  restore(state: ArrayLike<number>, seed: number): boolean {
    if (state.length !== 626) return false;
    for (let i = 0; i < 624; i++) this.mt[i] = state[i] >>> 0;
    this.index = Math.min(624, Math.max(0, Math.trunc(state[624])));
    this.spare = Number.isNaN(state[625]) ? null : state[625];
    this.currentSeed = seed;
    this.generation++;
    return true;
  }

  /** genrand_res53: 53-bit resolution in [0, 1), never 0 in practice for MATLAB's use. */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const r = u * u + v * v;
      if (r > 0 && r < 1) {
        const f = Math.sqrt((-2 * Math.log(r)) / r);
        this.spare = v * f;
        return u * f;
      }
    }
  }
}
