// Command-mode key handling: single keys, two-key sequences with a timeout, modifiers, repeats,
// and the shortcut table's own consistency.
import { describe, expect, it } from 'vitest';
import { resolveCommandModeKey, SEQUENCE_TIMEOUT_MS, type KeyPress, type PendingKey } from '../../../src/ui/core/keys/commandMode.ts';
import { chordLabels, parseChord, parseSequence, shortcutText, SHORTCUTS } from '../../../src/ui/core/keys/shortcuts.ts';

function press(key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, repeat: false, ...modifiers };
}

function commandOf(key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}) {
  return resolveCommandModeKey(press(key, modifiers), null, 0).command;
}

describe('command-mode keys', () => {
  it.each([
    ['a', {}, 'insertAbove'],
    ['b', {}, 'insertBelow'],
    ['A', { shiftKey: false }, 'insertAbove'],
    ['m', {}, 'toMarkdown'],
    ['M', { shiftKey: true }, 'mergeBelow'],
    ['y', {}, 'toCode'],
    ['z', {}, 'undoCellOperation'],
    ['Enter', {}, 'enterEdit'],
    ['Enter', { shiftKey: true }, 'runAndAdvance'],
    ['Enter', { ctrlKey: true }, 'run'],
    ['Enter', { metaKey: true }, 'run'],
    ['Enter', { altKey: true }, 'runAndInsertBelow'],
    ['ArrowUp', {}, 'selectPrevious'],
    ['k', {}, 'selectPrevious'],
    ['ArrowDown', {}, 'selectNext'],
    ['j', {}, 'selectNext'],
    ['ArrowUp', { altKey: true }, 'moveUp'],
    ['ArrowDown', { altKey: true, shiftKey: true }, 'duplicate'],
    ['h', {}, 'showShortcuts'],
    ['?', { shiftKey: true }, 'showShortcuts'],
    ['o', {}, 'toggleOutput'],
    ['v', {}, 'pasteBelow'],
    ['V', { shiftKey: true }, 'pasteAbove'],
  ] as const)('%s %j → %s', (key, modifiers, command) => {
    expect(commandOf(key, modifiers)).toBe(command);
  });

  it('leaves keys with other modifiers, and unknown keys, to the page', () => {
    const copy = resolveCommandModeKey(press('c', { ctrlKey: true }), null, 0);
    expect(copy).toEqual({ command: null, pending: null, handled: false });
    expect(resolveCommandModeKey(press('q'), null, 0).handled).toBe(false);
    expect(resolveCommandModeKey(press(' '), null, 0).handled).toBe(false);
  });

  it('D D deletes when the second D comes in time, and not after the timeout', () => {
    const first = resolveCommandModeKey(press('d'), null, 1000);
    expect(first.command).toBeNull();
    expect(first.handled).toBe(true);
    expect(first.pending).not.toBeNull();
    expect(resolveCommandModeKey(press('d'), first.pending, 1200).command).toBe('deleteCell');
    const late = resolveCommandModeKey(press('d'), first.pending, 1000 + SEQUENCE_TIMEOUT_MS + 1);
    expect(late.command).toBeNull();
    expect(late.pending?.at).toBe(1000 + SEQUENCE_TIMEOUT_MS + 1);
  });

  it('another key in between cancels the sequence, a modifier on its own does not', () => {
    const first = resolveCommandModeKey(press('d'), null, 0);
    const other = resolveCommandModeKey(press('a'), first.pending, 10);
    expect(other.command).toBe('insertAbove');
    expect(other.pending).toBeNull();
    const shift = resolveCommandModeKey(press('Shift', { shiftKey: true }), first.pending, 10);
    expect(shift).toEqual({ command: null, pending: first.pending, handled: false });
  });

  it('I I interrupts and 0 0 restarts; a held key never completes a sequence', () => {
    const i = resolveCommandModeKey(press('i'), null, 0);
    expect(resolveCommandModeKey(press('i'), i.pending, 5).command).toBe('interrupt');
    const zero = resolveCommandModeKey(press('0'), null, 0);
    expect(resolveCommandModeKey(press('0'), zero.pending, 5).command).toBe('restart');
    const d = resolveCommandModeKey(press('d'), null, 0);
    expect(resolveCommandModeKey(press('d', { repeat: true }), d.pending, 5)).toEqual({ command: null, pending: null, handled: false });
  });
});

describe('shortcut table', () => {
  it('parses and prints chords', () => {
    expect(parseChord('Mod+Shift+-')).toEqual({ key: '-', mod: true, shift: true, alt: false });
    expect(parseSequence('D D')).toHaveLength(2);
    expect(chordLabels(parseChord('Mod+Enter'), 'mac')).toEqual(['⌘', 'Enter']);
    expect(chordLabels(parseChord('Alt+ArrowUp'), 'other')).toEqual(['Alt', '↑']);
    expect(shortcutText('deleteCell', 'command')).toBe('D, D');
    expect(shortcutText('splitAtCursor', 'edit')).toBe('Ctrl+Shift+-');
    expect(() => parseChord('Hyper+X')).toThrow(/modifier/);
  });

  it('gives no two command-mode commands the same key', () => {
    const seen = new Map<string, string>();
    for (const shortcut of SHORTCUTS.filter((s) => s.mode === 'command')) {
      for (const keys of shortcut.keys) {
        const id = JSON.stringify(parseSequence(keys));
        expect(seen.get(id), keys).toBeUndefined();
        seen.set(id, shortcut.command);
      }
    }
  });

  it('has every command-mode key reach its own command through the resolver', () => {
    for (const shortcut of SHORTCUTS.filter((s) => s.mode === 'command')) {
      for (const keys of shortcut.keys) {
        let pending: PendingKey | null = null;
        let command = null;
        for (const chord of parseSequence(keys)) {
          const key = chord.shift && /^[a-z]$/.test(chord.key) ? chord.key.toUpperCase() : chord.key;
          const result = resolveCommandModeKey(press(key, { ctrlKey: chord.mod, shiftKey: chord.shift, altKey: chord.alt }), pending, 0);
          pending = result.pending;
          command = result.command;
        }
        expect(command, keys).toBe(shortcut.command);
      }
    }
  });
});
