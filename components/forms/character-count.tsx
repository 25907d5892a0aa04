'use client';

import { useFormContext, useWatch } from 'react-hook-form';

/** "12 of 500 characters" under a limited text field, announced when it nears the limit. */
export function CharacterCount({ name, max, id }: { name: string; max: number; id?: string }) {
  const { control } = useFormContext();
  const value = useWatch({ control, name }) as unknown;
  return <Count length={typeof value === 'string' ? value.length : 0} max={max} id={id} />;
}

export function Count({ length, max, id }: { length: number; max: number; id?: string }) {
  const near = length > max * 0.9;
  return (
    <p
      id={id}
      className={`mt-1 text-right text-xs tabular-nums ${length > max ? 'font-semibold text-red-700' : 'text-slate-500'}`}
      aria-live={near ? 'polite' : 'off'}
    >
      {length} of {max} characters
    </p>
  );
}
