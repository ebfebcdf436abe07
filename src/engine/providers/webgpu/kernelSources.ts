// The WGSL of recently dispatched kernels, by source id, for the page's plan view
// (EngineApi.kernelSource). A kernel event carries only the id (the hash of its WGSL); the text
// stays here. The store is bounded by entries and characters and forgets the least recently
// dispatched source first, so a loop that dispatches thousands of kernels keeps a handful of
// texts, not thousands of copies.
//
// It is one store per worker (module state): it is content-addressed, so providers sharing it can
// never disagree about what an id means.

import { hashText, type KernelProgram } from '../../kernels/program.ts';

/** Hashing a shader costs a pass over its text; the pipeline key and the event share the result. */
const idOfProgram = new WeakMap<KernelProgram, string>();

/** The source id of a program: the hash of its WGSL (memoised per program object). */
export function sourceIdOf(program: KernelProgram): string {
  let id = idOfProgram.get(program);
  if (id === undefined) {
    id = hashText(program.wgsl);
    idOfProgram.set(program, id);
  }
  return id;
}

export class KernelSourceStore {
  /** Map order is recency order: the first entry is the least recently remembered. */
  private readonly texts = new Map<string, string>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  /** Records (or refreshes) the text of `id`, then forgets the oldest texts past the bounds. */
  remember(id: string, wgsl: string): void {
    const known = this.texts.get(id);
    if (known !== undefined) {
      // Refresh recency only: the text of an id never changes.
      this.texts.delete(id);
      this.texts.set(id, known);
      return;
    }
    this.texts.set(id, wgsl);
    this.chars += wgsl.length;
    for (const [oldest, text] of this.texts) {
      if (this.texts.size <= this.maxEntries && this.chars <= this.maxChars) break;
      // The newest text always stays, even when it alone is over the character bound.
      if (oldest === id) break;
      this.texts.delete(oldest);
      this.chars -= text.length;
    }
  }

  get(id: string): string | null {
    return this.texts.get(id) ?? null;
  }

  get size(): number {
    return this.texts.size;
  }
}

/** Enough for every distinct kernel of a large notebook; a few MB at most. */
export const kernelSources = new KernelSourceStore(512, 4 * 2 ** 20);
