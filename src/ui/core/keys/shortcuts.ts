// Every keyboard shortcut of the notebook, as one table: the command-mode key handler
// (commandMode.ts) reads it, the shortcut sheet lists it. Edit-mode entries are bound inside
// Monaco (CodeEditor.tsx) and are here so the sheet lists them too; keep the two in step.
//
// A key is written as a chord, `Shift+Enter`, `Mod+Enter` (Ctrl, or ⌘ on a Mac), `Alt+ArrowUp`,
// or two chords pressed in turn, `D D`. A single character names the key it types (`A`, `?`).

import type { NotebookCommand } from '../cells/commands.ts';

/** Commands that exist only inside the editor, because they need the cursor. */
export type EditorCommand = 'splitAtCursor';

export type Shortcut =
  | { mode: 'command'; keys: readonly string[]; command: NotebookCommand; description: string }
  | { mode: 'edit'; keys: readonly string[]; command: NotebookCommand | EditorCommand; description: string };

export const SHORTCUTS: readonly Shortcut[] = [
  // Command mode: the cell itself has the focus (Esc from the editor, or a click beside it).
  { mode: 'command', keys: ['Enter'], command: 'enterEdit', description: 'Edit the cell' },
  { mode: 'command', keys: ['ArrowUp', 'K'], command: 'selectPrevious', description: 'Select the cell above' },
  { mode: 'command', keys: ['ArrowDown', 'J'], command: 'selectNext', description: 'Select the cell below' },
  { mode: 'command', keys: ['Shift+Enter'], command: 'runAndAdvance', description: 'Run the cell and select the next' },
  { mode: 'command', keys: ['Mod+Enter'], command: 'run', description: 'Run the cell' },
  { mode: 'command', keys: ['Alt+Enter'], command: 'runAndInsertBelow', description: 'Run the cell and insert a cell below' },
  { mode: 'command', keys: ['A'], command: 'insertAbove', description: 'Insert a code cell above' },
  { mode: 'command', keys: ['B'], command: 'insertBelow', description: 'Insert a code cell below' },
  { mode: 'command', keys: ['D D'], command: 'deleteCell', description: 'Delete the cell' },
  { mode: 'command', keys: ['Z'], command: 'undoCellOperation', description: 'Undo the last delete, cut, merge or split' },
  { mode: 'command', keys: ['M'], command: 'toMarkdown', description: 'Make it a Markdown cell' },
  { mode: 'command', keys: ['Y'], command: 'toCode', description: 'Make it a code cell' },
  { mode: 'command', keys: ['C'], command: 'copyCell', description: 'Copy the cell' },
  { mode: 'command', keys: ['X'], command: 'cutCell', description: 'Cut the cell' },
  { mode: 'command', keys: ['V'], command: 'pasteBelow', description: 'Paste the cell below' },
  { mode: 'command', keys: ['Shift+V'], command: 'pasteAbove', description: 'Paste the cell above' },
  { mode: 'command', keys: ['Alt+ArrowUp'], command: 'moveUp', description: 'Move the cell up' },
  { mode: 'command', keys: ['Alt+ArrowDown'], command: 'moveDown', description: 'Move the cell down' },
  { mode: 'command', keys: ['Shift+Alt+ArrowDown'], command: 'duplicate', description: 'Duplicate the cell below itself' },
  { mode: 'command', keys: ['Shift+M'], command: 'mergeBelow', description: 'Merge with the cell below' },
  { mode: 'command', keys: ['O'], command: 'toggleOutput', description: 'Hide or show the output' },
  { mode: 'command', keys: ['Shift+O'], command: 'toggleSource', description: 'Hide or show the source' },
  { mode: 'command', keys: ['I I'], command: 'interrupt', description: 'Interrupt the running cell' },
  { mode: 'command', keys: ['0 0'], command: 'restart', description: 'Restart the engine (clears the workspace)' },
  { mode: 'command', keys: ['H', '?'], command: 'showShortcuts', description: 'Show this list' },
  // Edit mode: typing in a cell's editor.
  { mode: 'edit', keys: ['Escape'], command: 'leaveEdit', description: 'Leave the editor (command mode)' },
  { mode: 'edit', keys: ['Shift+Enter'], command: 'runAndAdvance', description: 'Run the cell and go to the next' },
  { mode: 'edit', keys: ['Mod+Enter'], command: 'run', description: 'Run the cell' },
  { mode: 'edit', keys: ['Alt+Enter'], command: 'runAndInsertBelow', description: 'Run the cell and insert a cell below' },
  { mode: 'edit', keys: ['Mod+Shift+-'], command: 'splitAtCursor', description: 'Split the cell at the cursor (a selection becomes its own cell)' },
];

/** Notebook commands with no key of their own, and where to find them. */
export const MENU_COMMANDS: readonly { where: string; label: string; description: string }[] = [
  { where: 'Run all ▾', label: 'Run above', description: 'Run every cell above the selected one' },
  { where: 'Run all ▾', label: 'Run selected and below', description: 'Run the selected cell and every cell after it' },
  { where: 'Run all ▾', label: 'Restart and run all', description: 'Clear the workspace, then run every cell in order' },
  { where: 'Cell toolbar', label: '✂ Split', description: 'Split at the last cursor position, without the keyboard' },
];

/** One key with its modifiers. `key` is lower case for letters, as KeyboardEvent.key otherwise. */
export interface KeyChord {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

/** `Shift+Alt+ArrowDown` → a chord. The last part is the key; the others are modifiers. */
export function parseChord(text: string): KeyChord {
  const parts = text.split('+');
  const key = parts[parts.length - 1];
  const modifiers = new Set(parts.slice(0, -1));
  for (const modifier of modifiers) {
    if (modifier !== 'Mod' && modifier !== 'Shift' && modifier !== 'Alt') throw new Error(`Unknown modifier ${modifier} in ${text}`);
  }
  return { key: key.length === 1 ? key.toLowerCase() : key, mod: modifiers.has('Mod'), shift: modifiers.has('Shift'), alt: modifiers.has('Alt') };
}

/** `D D` → two chords pressed in turn. */
export function parseSequence(text: string): KeyChord[] {
  return text.split(' ').map(parseChord);
}

const KEY_NAMES: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', Enter: 'Enter' };

/** The keys of a chord as they are printed on a keyboard: `['Ctrl', 'Shift', '-']`, `['⌘', 'Enter']`. */
export function chordLabels(chord: KeyChord, platform: 'mac' | 'other'): string[] {
  const labels: string[] = [];
  if (chord.mod) labels.push(platform === 'mac' ? '⌘' : 'Ctrl');
  if (chord.shift) labels.push('Shift');
  if (chord.alt) labels.push(platform === 'mac' ? '⌥' : 'Alt');
  labels.push(KEY_NAMES[chord.key] ?? chord.key.toUpperCase());
  return labels;
}

/** The title-tooltip form of the first key of a command: `Ctrl+Enter`, `D, D`; '' when it has none. */
export function shortcutText(command: NotebookCommand | EditorCommand, mode: Shortcut['mode'], platform: 'mac' | 'other' = 'other'): string {
  const shortcut = SHORTCUTS.find((s) => s.mode === mode && s.command === command);
  const first = shortcut?.keys[0];
  if (first === undefined) return '';
  return parseSequence(first)
    .map((chord) => chordLabels(chord, platform).join('+'))
    .join(', ');
}
