// A toolbar drop-down: a button that opens a panel of items; Escape or a click outside closes it.

import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface MenuProps {
  label: ReactNode;
  title?: string;
  testId?: string;
  /** The panel's content; `close` closes the menu (after an item did its work). */
  children: (close: () => void) => ReactNode;
  align?: 'left' | 'right';
}

export function Menu({ label, title, testId, children, align = 'right' }: MenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);
  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className={open ? 'btn btn-default active' : 'btn btn-default'}
        data-testid={testId}
        title={title}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {label} ▾
      </button>
      {open && (
        <div className={`menu-panel menu-${align}`} role="menu" data-testid={testId ? `${testId}-panel` : undefined}>
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

export function MenuItem({ onClick, testId, children, danger, disabled, title }: { onClick: () => void; testId?: string; children: ReactNode; danger?: boolean; disabled?: boolean; title?: string }) {
  return (
    <button type="button" role="menuitem" className={danger ? 'menu-item danger' : 'menu-item'} data-testid={testId} onClick={onClick} disabled={disabled} title={title}>
      {children}
    </button>
  );
}
