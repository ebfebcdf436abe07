// Notebook documents and their file formats: pure modules shared by the page (src/ui) and the
// command line (src/cli). No DOM, no Node APIs, no engine code.
export * from './notebookDoc.ts';
export * from './ipynb.ts';
export * from './mfile.ts';
export * from './outputs.ts';
