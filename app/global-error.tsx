'use client';

import Link from 'next/link';
import './globals.css';

/** The last resort, when the root layout itself failed: a whole document of its own. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <main className="mx-auto mt-24 max-w-md px-6 text-center" role="alert">
          <title>Error · Polis canvass review</title>
          <h1 className="text-2xl font-semibold">The dashboard could not start this page</h1>
          <p className="mt-2 text-slate-600">
            Something failed before the page could be drawn. Nothing you saved is affected.
            {error.digest ? ` If it keeps happening, tell support the reference ${error.digest}.` : ''}
          </p>
          <div className="mt-6 flex justify-center gap-4">
            <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white">
              Try again
            </button>
            <Link href="/" className="px-3.5 py-2 text-sm text-brand-700 underline">
              Back to your campaigns
            </Link>
          </div>
        </main>
      </body>
    </html>
  );
}
