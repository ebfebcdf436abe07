// Exhaustiveness guard for switches over discriminated unions: a new union member that is not
// handled becomes a compile error at the call site.
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
