// Tiles and schedules of the tiled GEMM (matmul.ts, and syrk.ts through it): what a workgroup
// computes (TileConfig), how its k-loop is laid out (TiledSchedule), the defaults the H100 sweep
// chose (`matbook tune-matmul`), which tile a product gets (chooseTile, GEMM_TILES), and the checks
// that a tile and schedule fit the device. Data and policy only: the WGSL is in matmul.ts.

export interface MatmulLimits {
  maxWorkgroupStorage: number;
  maxInvocations: number;
  maxWorkgroupsPerDimension: number;
  /**
   * A software adapter (SwiftShader: adapter.isFallbackAdapter). Its shader compiler takes minutes
   * or never finishes on a scalar-load 128×128×16 tile (a 1501×1503·1503×1499 product did not
   * compile in 60 s; 64×64×16 ran it in 7 s), and a CPU gains nothing from big tiles: chooseTile
   * keeps to SOFTWARE_MAX_TILE_AREA.
   */
  software?: boolean;
}

/** The largest tile (tm·tn) chooseTile gives a software adapter. */
export const SOFTWARE_MAX_TILE_AREA = 64 * 64;

/**
 * A tile of C per workgroup (tm×tn), the k-depth of one shared-memory stage (tk), and the block of
 * outputs each thread accumulates (rm×rn); threads = (tm/rm)·(tn/rn). All multiples of 4.
 */
export interface TileConfig {
  tm: number;
  tn: number;
  tk: number;
  rm: number;
  rn: number;
}

/**
 * How the tiled kernel schedules a tile: each field changes the WGSL, so the whole record is part
 * of the cache key. None changes which shapes a kernel accepts (every schedule handles any M, N, K).
 */
export interface TiledSchedule {
  /**
   * Shared-memory stages. 2: double buffering, one barrier per k-tile (the next tile is stored
   * into the other stage after the math). 1: one stage, the next tile waits in registers during the
   * math, two barriers per k-tile, half the storage (so tk 32 fits a 128×128 tile in 48 KiB).
   */
  readonly stages: 1 | 2;
  /**
   * Threads of one 32-lane warp along i (32/warpRows along j), so a warp covers a compact block of
   * C and reads fewer distinct shared-memory words per step (8: 8×4 threads, 128 bytes of A and 64
   * of B per step instead of 256 + 32). 0: threads numbered along i across the whole tile.
   */
  readonly warpRows: number;
  /** The whole k-tile as straight-line code (constant offsets) instead of a loop over 4-step bodies. */
  readonly unroll: boolean;
  /**
   * Operands contiguous along k (A', B) with 16-byte loads reach the i/j-major shared tile as:
   * `scalar`, each 16-byte load scattered into four words (4-way bank conflicts on an H100); or
   * `block`, a thread loads a 4×4 block (4 rows/columns × 4 k) and transposes it in registers into
   * four 16-byte stores (conflict-free; 16 registers per block). With scalar loads, `block` stores
   * 4 neighbouring columns of one k as one vec4 instead of scattering.
   */
  readonly kStore: 'scalar' | 'block';
  /** vec4 slots of padding after each k-row of the shared A / B tiles (bank offsets between rows; not for B kept along k). */
  readonly padA: number;
  readonly padB: number;
  /**
   * No branch around the next tile's loads and stores: the last iteration reloads the last tile
   * into the stage nobody reads any more, so the k-loop body is one straight block.
   */
  readonly branchFree: boolean;
  /**
   * Shared-memory indices Tint can bound (stage (t % 2), component (c % 4)): Dawn's robustness pass
   * then clamps no shared access. false: the first version's `t & 1` / `c & 3`, which cost a min()
   * per shared load in the inner loop; kept only to measure the difference.
   */
  readonly boundedIndices: boolean;
}

/**
 * The schedule of every tiled GEMM and SYRK unless tuning overrides it. bench/tune/matmul.ts
 * measures the alternatives (`matbook tune-matmul --json`); set the winner here.
 */
// Chosen from the H100 sweep (`matbook tune-matmul --json`, 2026-11-24, the run with the heater:
// bench/results/tune/2026-11-24-h100-tune-matmul-heater.json; the defaults confirmed in
// …-defaults.json: A*B 46.6, A'*B 46.0, A*B' 46.5, A'*B' 46.9 at 4096²). 128×128×16, 8×8 per thread:
// the first version 35.7 TFLOP/s at 4096²; bounded indices 37.3; + unrolled, branch-free 39.3;
// + one stage 41.3; + 4×8 warps 44.0 or + B padded 44.0; all four 46.6 (47.3 at 8192², 44.5 at
// 2048²). Two stages with the other three lose (one stage frees registers and storage for the
// padded B rows); 4×4 register blocks for B lose everywhere (34.7).
export const DEFAULT_SCHEDULE: TiledSchedule = {
  stages: 1,
  warpRows: 4,
  unroll: true,
  kStore: 'scalar',
  padA: 0,
  padB: 1,
  branchFree: true,
  boundedIndices: true,
};

/** Workgroups a grid needs for a big tile to pay: about one per SM on an H100 (132 SMs). */
const FULL_GRID = 128;

/** One row of GEMM_TILES: a tile, the grid it needs to be worth it, and its schedule (over DEFAULT_SCHEDULE). */
export interface GemmTileChoice {
  readonly tile: TileConfig;
  readonly minGrid: number;
  readonly schedule?: Partial<TiledSchedule>;
}

/**
 * The tiles chooseTile offers, biggest first; a tile is taken when C has at least `minGrid` of
 * them and it fits the device (with its schedule, stages and padding relaxed if need be). Big
 * tiles cut shared-memory traffic per flop, but only pay when there are enough of them to fill
 * the GPU. Measured on an H100 with DEFAULT_SCHEDULE (tune-matmul, 2026-11-24): 4096² 128×128×16
 * (8×8) 46.6 TFLOP/s, 256×64 46.8, 128×64 and 64×128 (8×8, 128 threads) 45.4, 128×128×8 40.3,
 * ×32 40.1, 8×16 per thread 41-44; 2048² 128×128 44.5 vs 64×128 (4×8) 37.2; 1024² (64 tiles of
 * 128²: too few) 64×128 (4×8, two stages: a small grid) 30.9, (8×8) 31.1, vs 128×128 19.2.
 * `matbook tune-matmul --json` measures the alternatives; its `recommendation` says what to set.
 */
export const GEMM_TILES: readonly GemmTileChoice[] = [
  { tile: { tm: 128, tn: 128, tk: 16, rm: 8, rn: 8 }, minGrid: FULL_GRID },
  { tile: { tm: 128, tn: 128, tk: 8, rm: 8, rn: 8 }, minGrid: FULL_GRID },
  { tile: { tm: 64, tn: 128, tk: 16, rm: 4, rn: 8 }, minGrid: FULL_GRID },
  { tile: { tm: 64, tn: 64, tk: 16, rm: 4, rn: 4 }, minGrid: 0 },
  { tile: { tm: 64, tn: 64, tk: 8, rm: 4, rn: 4 }, minGrid: 0 },
  { tile: { tm: 32, tn: 32, tk: 8, rm: 4, rn: 4 }, minGrid: 0 },
  { tile: { tm: 16, tn: 16, tk: 4, rm: 4, rn: 4 }, minGrid: 0 },
];

/** The tile for a GEMM (or, `square`, for SYRK): the first of GEMM_TILES whose grid is big enough and that fits. */
export function chooseTile(m: number, n: number, limits: MatmulLimits, square = false): TileConfig {
  const grid = (t: TileConfig): number => Math.ceil(m / t.tm) * Math.ceil(n / t.tn);
  const fits = (c: GemmTileChoice): boolean =>
    tileThreads(c.tile) <= limits.maxInvocations && resolveSchedule(c.tile, { ...DEFAULT_SCHEDULE, ...c.schedule }, limits) !== null;
  const allowed = (c: GemmTileChoice): boolean => !limits.software || c.tile.tm * c.tile.tn <= SOFTWARE_MAX_TILE_AREA;
  const found = GEMM_TILES.find((c) => grid(c.tile) >= c.minGrid && fits(c) && allowed(c) && (!square || c.tile.tm === c.tile.tn));
  if (!found) throw new Error(`matmul: no tile fits ${limits.maxWorkgroupStorage} bytes of workgroup storage and ${limits.maxInvocations} invocations`);
  return found.tile;
}

/** The edge of the biggest tile in GEMM_TILES, and the side from which a split-k product takes it. */
const BIG_TILE = 128;

/**
 * The tile of a split-k product (matmulSplit.ts): the splits supply the parallelism, so a C at
 * least BIG_TILE on both sides takes the biggest tile that fits (least shared-memory traffic per
 * flop) however few of them there are, as SYRK's split plan does; a smaller C takes the tile its
 * own grid gets (a 128² tile over a 40×40 C would be mostly padding). The planner counts the grid
 * of this tile when it picks a split count (fusion/matmulRouting.ts).
 */
export function splitTile(m: number, n: number, limits: MatmulLimits): TileConfig {
  if (m < BIG_TILE || n < BIG_TILE) return chooseTile(m, n, limits);
  // Asked as if C were at least 2048² (256 tiles of 128², past every row's minGrid), chooseTile
  // gives the biggest tile the device fits.
  return chooseTile(Math.max(m, 2048), Math.max(n, 2048), limits);
}

export function tileThreads(t: TileConfig): number {
  return (t.tm / t.rm) * (t.tn / t.rn);
}

/** Bytes of workgroup memory the tiled kernel declares for this tile and schedule. */
export function tileStorage(t: TileConfig, s: TiledSchedule): number {
  return s.stages * t.tk * (t.tm / 4 + s.padA + t.tn / 4 + s.padB) * 16;
}

/** Why a warp arrangement does not suit the tile, or null when it does. */
function warpProblem(t: TileConfig, warpRows: number): string | null {
  if (warpRows === 0) return null;
  const TX = t.tm / t.rm;
  const TY = t.tn / t.rn;
  if (![1, 2, 4, 8, 16, 32].includes(warpRows)) return `warpRows ${warpRows} must divide 32`;
  if (TX % warpRows !== 0 || TY % (32 / warpRows) !== 0) return `warpRows ${warpRows} needs ${warpRows}×${32 / warpRows} threads to tile ${TX}×${TY}`;
  return null;
}

/**
 * The default schedule adapted to a tile: a warp arrangement the tile cannot take is dropped, and
 * when the storage does not fit, double buffering then padding go. null: not even that fits.
 */
export function resolveSchedule(t: TileConfig, wanted: TiledSchedule, limits: MatmulLimits): TiledSchedule | null {
  let s: TiledSchedule = warpProblem(t, wanted.warpRows) === null ? wanted : { ...wanted, warpRows: 0 };
  const fits = (x: TiledSchedule): boolean => tileStorage(t, x) <= limits.maxWorkgroupStorage;
  if (!fits(s) && s.stages === 2) s = { ...s, stages: 1 };
  if (!fits(s)) s = { ...s, padA: 0, padB: 0 };
  return fits(s) ? s : null;
}

/**
 * One stage (two barriers per k-tile, nothing to overlap the next tile's stores with) pays only
 * when other workgroups on the SM fill the stalls: below this many workgroups (two per SM on an
 * H100) the default keeps two stages. H100: a 1024²·200000 A'*B (128 workgroups of 64×128) took
 * 16.3 ms with one stage and 13.1 with two; at 4096² (1024 workgroups) one stage is 46.6 TFLOP/s
 * against 39.2-40.3 with two.
 */
export const ONE_STAGE_MIN_GRID = 2 * FULL_GRID;

/** Where the program runs, for the schedule's two grid- and layout-dependent adjustments. */
export interface ScheduleUse {
  /** Workgroups in the dispatch. */
  workgroups: number;
  /** A' with 16-byte loads: A's tile is scattered into As by component, like B's. */
  scatteredA: boolean;
}

/**
 * The schedule a program uses: tuning's fields as given over DEFAULT_SCHEDULE (checked strictly
 * later); else DEFAULT_SCHEDULE with the GEMM_TILES row of this tile (if any) over it, then, when
 * `use` says where it runs: a scattered A' gets its rows padded like B's (H100, 4096²: A'*B 43.4 →
 * 46.1 TFLOP/s, A'*B' 46.0 → 46.8; a straight A loses with padded rows, 46.8 → 42.8 on 256×64),
 * and a grid under ONE_STAGE_MIN_GRID keeps two stages; last, adapted to the tile and the device.
 * SYRK takes the same rows for its square tiles.
 */
export function scheduleFor(tile: TileConfig, given: Partial<TiledSchedule> | undefined, limits: MatmulLimits, use?: ScheduleUse): TiledSchedule {
  if (given !== undefined) {
    // The fields not given come from DEFAULT_SCHEDULE, adapted to the tile like the default is.
    let s: TiledSchedule = { ...DEFAULT_SCHEDULE, ...given };
    if (given.warpRows === undefined && warpProblem(tile, s.warpRows) !== null) s = { ...s, warpRows: 0 };
    const fits = (x: TiledSchedule): boolean => tileStorage(tile, x) <= limits.maxWorkgroupStorage;
    if (!fits(s) && given.stages === undefined && s.stages === 2) s = { ...s, stages: 1 };
    if (!fits(s) && given.padA === undefined) s = { ...s, padA: 0 };
    if (!fits(s) && given.padB === undefined) s = { ...s, padB: 0 };
    return s;
  }
  const row = GEMM_TILES.find((c) => c.tile.tm === tile.tm && c.tile.tn === tile.tn && c.tile.tk === tile.tk && c.tile.rm === tile.rm && c.tile.rn === tile.rn);
  let wanted: TiledSchedule = { ...DEFAULT_SCHEDULE, ...row?.schedule };
  if (use?.scatteredA && wanted.padA === 0) wanted = { ...wanted, padA: wanted.padB };
  if (use && use.workgroups < ONE_STAGE_MIN_GRID && wanted.stages === 1) wanted = { ...wanted, stages: 2 };
  return resolveSchedule(tile, wanted, limits) ?? resolveSchedule(tile, DEFAULT_SCHEDULE, limits) ?? DEFAULT_SCHEDULE;
}

export function checkTile(t: TileConfig, s: TiledSchedule, limits: MatmulLimits): void {
  const ok =
    [t.tm, t.tn, t.tk, t.rm, t.rn].every((v) => Number.isInteger(v) && v >= 4 && v % 4 === 0) && t.tm % t.rm === 0 && t.tn % t.rn === 0;
  if (!ok) throw new Error(`matmul: bad tile ${JSON.stringify(t)}`);
  const threads = tileThreads(t);
  if (threads > limits.maxInvocations) throw new Error(`matmul: tile needs ${threads} invocations, the device allows ${limits.maxInvocations}`);
  if ((s.stages !== 1 && s.stages !== 2) || ![s.padA, s.padB].every((p) => Number.isInteger(p) && p >= 0)) {
    throw new Error(`matmul: bad schedule ${JSON.stringify(s)}`);
  }
  const warp = warpProblem(t, s.warpRows);
  if (warp) throw new Error(`matmul: ${warp}`);
  const bytes = tileStorage(t, s);
  if (bytes > limits.maxWorkgroupStorage) throw new Error(`matmul: tile needs ${bytes} bytes of workgroup storage, the device allows ${limits.maxWorkgroupStorage}`);
}
