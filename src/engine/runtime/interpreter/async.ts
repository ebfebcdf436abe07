// The interpreter's one trick for speed: compiled closures return plain values, and only a
// closure that had to wait (a GPU readback) returns a Promise. Callers check with `isAsync` and
// take the slow path only then, so scalar loops never touch the microtask queue.
// (`andThen`, not `then`: a module exporting `then` is a thenable and breaks `await import()`.)

export type Async<T> = T | Promise<T>;

export function isAsync<T>(x: Async<T>): x is Promise<T> {
  return x instanceof Promise;
}

export function andThen<T, U>(x: Async<T>, f: (value: T) => Async<U>): Async<U> {
  return x instanceof Promise ? x.then(f) : f(x);
}

/** Evaluates thunks in order; stays synchronous until one of them returns a Promise. */
export function sequence<T>(thunks: readonly (() => Async<T>)[]): Async<T[]> {
  const out: T[] = new Array(thunks.length);
  for (let i = 0; i < thunks.length; i++) {
    const r = thunks[i]();
    if (r instanceof Promise) return continueAsync(thunks, out, i, r);
    out[i] = r;
  }
  return out;
}

async function continueAsync<T>(thunks: readonly (() => Async<T>)[], out: T[], i: number, pending: Promise<T>): Promise<T[]> {
  out[i] = await pending;
  for (let j = i + 1; j < thunks.length; j++) out[j] = await thunks[j]();
  return out;
}
