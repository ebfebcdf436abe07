// `npm run bench`: runs every benchmark suite and prints one JSON document per suite.
export {};
await import('./interpreter.ts');
