// Command mode's key handling, pure: a key press (plus the first key of a two-key sequence still
// waiting, and the time) in, the command to run (if any) and the new waiting key out. The
// notebook calls it from its keydown handler when the focus is on a cell element itself.

import type { NotebookCommand } from '../cells/commands.ts';
import { parseSequence, SHORTCUTS, type KeyChord } from './shortcuts.ts';

/** How long the first key of a sequence (the first D of D D) waits for the second. */
export const SEQUENCE_TIMEOUT_MS = 1500;

/** The parts of a KeyboardEvent that matter here. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** Held down: auto-repeat never starts or completes a sequence (holding D must not delete). */
  repeat: boolean;
}

/** The first chord of a sequence, pressed at `at`. */
export interface PendingKey {
  chord: KeyChord;
  at: number;
}

export interface KeyResolution {
  /** The command to run; null when the key completes nothing. */
  command: NotebookCommand | null;
  /** The key now waiting for its second half, if any. */
  pending: PendingKey | null;
  /** The key belongs to the notebook: the page should not also act on it (scroll, type). */
  handled: boolean;
}

interface CommandBinding {
  sequence: KeyChord[];
  command: NotebookCommand;
}

const COMMAND_BINDINGS: readonly CommandBinding[] = SHORTCUTS.flatMap((shortcut) =>
  shortcut.mode === 'command' ? shortcut.keys.map((keys) => ({ sequence: parseSequence(keys), command: shortcut.command })) : [],
);

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

/**
 * Whether a press is this chord. Letters and named keys need exactly the chord's modifiers; a
 * symbol (`?`) ignores Shift, which some layouts need to type it.
 */
function matches(chord: KeyChord, press: KeyPress): boolean {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (key !== chord.key) return false;
  if (press.ctrlKey || press.metaKey ? !chord.mod : chord.mod) return false;
  if (press.altKey !== chord.alt) return false;
  const isSymbol = chord.key.length === 1 && chord.key.toLowerCase() === chord.key.toUpperCase() && !/[0-9]/.test(chord.key);
  return isSymbol || press.shiftKey === chord.shift;
}

function sameChord(a: KeyChord, b: KeyChord): boolean {
  return a.key === b.key && a.mod === b.mod && a.shift === b.shift && a.alt === b.alt;
}

export function resolveCommandModeKey(press: KeyPress, pending: PendingKey | null, now: number): KeyResolution {
  // A modifier on its way to a chord (Shift of Shift+M) leaves a waiting key waiting.
  if (MODIFIER_KEYS.has(press.key)) return { command: null, pending, handled: false };
  const waiting = pending !== null && now - pending.at <= SEQUENCE_TIMEOUT_MS && !press.repeat ? pending : null;
  if (waiting) {
    const completed = COMMAND_BINDINGS.find(
      (b) => b.sequence.length === 2 && sameChord(b.sequence[0], waiting.chord) && matches(b.sequence[1], press),
    );
    if (completed) return { command: completed.command, pending: null, handled: true };
  }
  const single = COMMAND_BINDINGS.find((b) => b.sequence.length === 1 && matches(b.sequence[0], press));
  if (single) return { command: single.command, pending: null, handled: true };
  const starts = press.repeat ? undefined : COMMAND_BINDINGS.find((b) => b.sequence.length === 2 && matches(b.sequence[0], press));
  if (starts) return { command: null, pending: { chord: starts.sequence[0], at: now }, handled: true };
  return { command: null, pending: null, handled: false };
}
