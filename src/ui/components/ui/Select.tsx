// A labelled <select> over a fixed list of string options.

import { useId } from 'react';

export interface SelectProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  testId?: string;
  title?: string;
}

export function Select<T extends string>({ label, value, options, onChange, testId, title }: SelectProps<T>) {
  const id = useId();
  return (
    <span className="select" title={title}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} data-testid={testId} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  );
}
