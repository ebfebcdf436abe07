// A row of toggle buttons that picks one view of an output (grid | text, table | timeline | plan).
// A plain radio group to assistive technology; the arrow keys move between options.

import type { KeyboardEvent } from 'react';

export interface ViewSwitchProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string; title?: string }[];
  onChange(value: T): void;
  testId?: string;
}

export function ViewSwitch<T extends string>({ label, value, options, onChange, testId }: ViewSwitchProps<T>) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const at = options.findIndex((o) => o.value === value);
    const next = options[(at + step + options.length) % options.length];
    onChange(next.value);
    const buttons = event.currentTarget.querySelectorAll<HTMLButtonElement>('button');
    buttons[(at + step + options.length) % options.length]?.focus();
  };
  return (
    <div className="view-switch" role="radiogroup" aria-label={label} data-testid={testId} onKeyDown={onKeyDown}>
      {options.map((option) => {
        const checked = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            className={checked ? 'view-option active' : 'view-option'}
            data-testid={testId ? `${testId}-${option.value}` : undefined}
            title={option.title}
            onClick={() => onChange(option.value)}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
