'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { Button, buttonClass } from './button';

/**
 * What a route's error boundary shows: what happened, in words, a way to try
 * again and a way out. Details of the failure stay on the server; its digest
 * lets support find them in the logs.
 */
export function RouteError({ error, reset, what }: { error: Error & { digest?: string }; reset: () => void; what: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-900">
      <h2 ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
        {what} could not be shown
      </h2>
      <p className="mt-1">
        The dashboard hit an error while preparing this page. Nothing you saved is affected. Try again; if it keeps happening, tell support
        {error.digest ? (
          <>
            {' '}
            the reference <code className="rounded bg-red-100 px-1">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="mt-4 flex gap-3">
        <Button type="button" onClick={reset}>
          Try again
        </Button>
        <Link href="/" className={buttonClass('secondary')}>
          Back to your campaigns
        </Link>
      </div>
    </div>
  );
}

/** A page's loading state: a labelled status and a skeleton of the shape to come. */
export function RouteLoading({ what }: { what: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <p className="text-sm text-slate-600">Loading {what}…</p>
      <div className="h-16 animate-pulse rounded-lg bg-slate-100" aria-hidden="true" />
      <div className="h-[50vh] animate-pulse rounded-lg bg-slate-100" aria-hidden="true" />
    </div>
  );
}
