// The Functions panel's logic, pure: filtering the builtin docs by a search query, grouping them by
// family, and the count labels. The panel (components/HelpPanel.tsx) only renders what this returns.

import type { BuiltinDoc } from '../../worker/protocol.ts';

export interface HelpGroup {
  family: string;
  entries: BuiltinDoc[];
}

/** The query's words, lower-cased; empty when the query is blank. */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

function nameMatches(doc: BuiltinDoc, terms: readonly string[]): boolean {
  const name = doc.name.toLowerCase();
  return terms.some((t) => name.includes(t));
}

/**
 * The docs that match `query`: every word of it must occur in the name or the doc text (case
 * insensitive). A blank query keeps everything. The input order is kept, except that within one
 * family the entries whose name matches come before those that match by their doc only.
 */
export function filterBuiltins(docs: readonly BuiltinDoc[], query: string): BuiltinDoc[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [...docs];
  const hits = docs.filter((d) => {
    const name = d.name.toLowerCase();
    const text = d.doc.toLowerCase();
    return terms.every((t) => name.includes(t) || text.includes(t));
  });
  const rank = (d: BuiltinDoc) => (nameMatches(d, terms) ? 0 : 1);
  const familyOrder = new Map<string, number>();
  for (const d of hits) if (!familyOrder.has(d.family)) familyOrder.set(d.family, familyOrder.size);
  return hits
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const fa = familyOrder.get(a.d.family)!;
      const fb = familyOrder.get(b.d.family)!;
      if (fa !== fb) return fa - fb;
      return rank(a.d) - rank(b.d) || a.i - b.i;
    })
    .map(({ d }) => d);
}

/** Consecutive entries of one family become one group, in the order they come. */
export function groupByFamily(docs: readonly BuiltinDoc[]): HelpGroup[] {
  const groups: HelpGroup[] = [];
  const byFamily = new Map<string, HelpGroup>();
  for (const doc of docs) {
    let group = byFamily.get(doc.family);
    if (!group) {
      group = { family: doc.family, entries: [] };
      byFamily.set(doc.family, group);
      groups.push(group);
    }
    group.entries.push(doc);
  }
  return groups;
}

/** "313 functions", "1 function". */
export function functionCountLabel(n: number): string {
  return `${n} ${n === 1 ? 'function' : 'functions'}`;
}

/** What the panel says about a search: "5 matches", "1 match", "no matches". */
export function matchCountLabel(n: number): string {
  if (n === 0) return 'no matches';
  return `${n} ${n === 1 ? 'match' : 'matches'}`;
}
