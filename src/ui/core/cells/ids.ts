// Cell ids are branded strings, so a cell id can't be mixed up with any other string (a variable
// name, a source text) by accident.

declare const cellIdBrand: unique symbol;
export type CellId = string & { readonly [cellIdBrand]: true };

let counter = 0;

/** A new id, unique within the page. Kept short: it shows up in the DOM and in debugging logs. */
export function newCellId(): CellId {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 6);
  return `c${counter}-${random}` as CellId;
}

/** For tests and for ids read back from a saved notebook. */
export function cellIdOf(value: string): CellId {
  return value as CellId;
}
