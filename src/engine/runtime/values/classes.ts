// MATLAB class names of array values and the facts the rest of the engine asks about them.

export const INT_CLASSES = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'] as const;
export type IntClass = (typeof INT_CLASSES)[number];
export type FloatClass = 'double' | 'single';
export type NumericClass = FloatClass | IntClass;
/** Classes whose data is a numeric array (a Tensor). */
export type ArrayClass = NumericClass | 'logical' | 'char';

export const INT_RANGE: Record<IntClass, readonly [number, number]> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  // int64/uint64 are held in doubles: exact up to 2^53, like most MATLAB code needs.
  int64: [-9223372036854775808, 9223372036854775807],
  uint64: [0, 18446744073709551615],
};

export function isIntClass(cls: string): cls is IntClass {
  return (INT_CLASSES as readonly string[]).includes(cls);
}

export function isFloatClass(cls: string): cls is FloatClass {
  return cls === 'double' || cls === 'single';
}

export function isNumericClass(cls: string): cls is NumericClass {
  return isFloatClass(cls) || isIntClass(cls);
}

/** Converts one real number to what a value of `cls` stores (saturate, round half away, fround). */
export function castScalar(x: number, cls: ArrayClass): number {
  switch (cls) {
    case 'double':
      return x;
    case 'single':
      return Math.fround(x);
    case 'logical':
      return x !== 0 ? 1 : 0;
    case 'char':
      return Number.isNaN(x) ? 0 : Math.max(0, Math.min(65535, roundHalfAway(x)));
    default: {
      if (Number.isNaN(x)) return 0;
      const [lo, hi] = INT_RANGE[cls];
      const r = roundHalfAway(x);
      return r < lo ? lo : r > hi ? hi : r;
    }
  }
}

export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
