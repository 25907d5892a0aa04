'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

/**
 * Keeps a form's values in this tab's session storage while the user signs
 * in again, and puts them back when the page opens, so nothing typed is lost.
 * Returns what the "Sign in again" button does.
 */
export function useSignInKeepingValues<T extends FieldValues>(key: string, form: UseFormReturn<T>) {
  const router = useRouter();
  useEffect(() => {
    const saved = sessionStorage.getItem(key);
    if (!saved) return;
    sessionStorage.removeItem(key);
    try {
      form.reset(JSON.parse(saved) as T, { keepDefaultValues: true });
    } catch {
      // A damaged entry is ignored.
    }
  }, [key, form]);
  return () => {
    sessionStorage.setItem(key, JSON.stringify(form.getValues()));
    router.push(`/sign-in?reason=expired&callbackUrl=${encodeURIComponent(window.location.pathname)}`);
  };
}
