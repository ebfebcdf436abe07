// Engine events → a code cell's document outputs, for hosts that run cells without the page's
// cell model (the CLI's headless notebook run). Consecutive stdout chunks are one block, as on
// the page.

import type { EngineEvent } from '../worker/protocol.ts';
import { figureLabel, figurePng } from './ipynb.ts';
import type { DocOutput } from './notebookDoc.ts';

export function appendEventOutput(outputs: DocOutput[], event: EngineEvent): DocOutput[] {
  switch (event.type) {
    case 'stdout': {
      const last = outputs[outputs.length - 1];
      if (last?.kind === 'stdout') return [...outputs.slice(0, -1), { kind: 'stdout', text: last.text + event.text }];
      return [...outputs, { kind: 'stdout', text: event.text }];
    }
    case 'display':
      return [...outputs, { kind: 'display', name: event.name, text: event.text, className: event.className, size: [...event.size] }];
    case 'figure':
      return [...outputs, { kind: 'figure', png: figurePng(event.figure), text: figureLabel(event.figure) }];
    case 'error': {
      const { message, identifier, line, column } = event.error;
      return [...outputs, { kind: 'error', message, identifier, line, column }];
    }
    default:
      return outputs;
  }
}
