// The keyboard-shortcut sheet (H or ? in command mode, or the toolbar's ⌨ button): a modal
// dialog listing every shortcut from the one table in core/keys, plus the commands that live in
// menus. A native <dialog> opened with showModal(): the page behind is inert, Tab stays inside,
// Escape closes it, and the focus goes back where it was.

import { useEffect, useRef } from 'react';
import { chordLabels, MENU_COMMANDS, parseSequence, SHORTCUTS, type Shortcut } from '../core/keys/shortcuts.ts';
import { Button } from './ui/Button.tsx';
import './cells.css';

const platform: 'mac' | 'other' = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? 'mac' : 'other';

const SECTIONS: { mode: Shortcut['mode']; title: string; note: string }[] = [
  { mode: 'command', title: 'Command mode', note: 'The cell is selected, not its editor: press Esc in the editor, or click beside it.' },
  { mode: 'edit', title: 'Edit mode', note: 'Typing in a cell: press Enter in command mode, or click into the code.' },
];

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // StrictMode mounts effects twice: opening an open dialog again would throw.
    if (!dialog.open) dialog.showModal();
    return () => {
      // The dialog goes with the component; hand the focus back (to the cell, for command mode).
      if (returnFocusTo?.isConnected) returnFocusTo.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="shortcut-sheet"
      data-testid="shortcut-sheet"
      aria-labelledby="shortcut-sheet-title"
      // Escape fires `cancel`, then `close`; both routes end in onClose so React state follows.
      onClose={onClose}
      onPointerDown={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="shortcut-sheet-body">
        <header className="shortcut-sheet-header">
          <h2 id="shortcut-sheet-title">Keyboard shortcuts</h2>
          <Button variant="ghost" testId="shortcut-sheet-close" aria-label="Close" title="Close (Esc)" onClick={onClose}>
            ✕
          </Button>
        </header>
        <div className="shortcut-columns">
          {SECTIONS.map((section) => (
            <div key={section.mode}>
              <section aria-labelledby={`shortcuts-${section.mode}`}>
                <h3 id={`shortcuts-${section.mode}`}>{section.title}</h3>
                <p className="shortcut-note">{section.note}</p>
                <table className="shortcut-table">
                  <tbody>
                    {SHORTCUTS.filter((shortcut) => shortcut.mode === section.mode).map((shortcut) => (
                      <tr key={`${shortcut.mode}-${shortcut.command}`} data-testid="shortcut-row" data-command={shortcut.command}>
                        <td className="shortcut-keys">
                          {shortcut.keys.map((keys, i) => (
                            <span key={keys}>
                              {i > 0 && <span className="shortcut-or"> or </span>}
                              <KeySequence text={keys} />
                            </span>
                          ))}
                        </td>
                        <td>{shortcut.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              {/* The menu commands go under the shorter (edit-mode) list, to balance the columns. */}
              {section.mode === 'edit' && <MenuCommands />}
            </div>
          ))}
        </div>
      </div>
    </dialog>
  );
}

function MenuCommands() {
  return (
    <section aria-labelledby="shortcuts-menus">
      <h3 id="shortcuts-menus">In menus</h3>
      <table className="shortcut-table">
        <tbody>
          {MENU_COMMANDS.map((entry) => (
            <tr key={entry.label} data-testid="shortcut-row">
              <td className="shortcut-keys">
                {entry.where} → {entry.label}
              </td>
              <td>{entry.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** `D D` as <kbd>D</kbd>, <kbd>D</kbd>; `Mod+Enter` as <kbd>Ctrl</kbd>+<kbd>Enter</kbd>. */
function KeySequence({ text }: { text: string }) {
  return (
    <>
      {parseSequence(text).map((chord, i) => (
        <span key={i}>
          {i > 0 && ', '}
          {chordLabels(chord, platform).map((label, j) => (
            <span key={j}>
              {j > 0 && '+'}
              <kbd>{label}</kbd>
            </span>
          ))}
        </span>
      ))}
    </>
  );
}
