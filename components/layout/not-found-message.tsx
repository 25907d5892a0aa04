import Link from 'next/link';

/** What a missing page says, inside whichever landmark the layout around it provides. */
export function NotFoundMessage() {
  return (
    <div className="mx-auto mt-24 max-w-md px-6 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">This page could not be found. It may have been deleted, or it belongs to another organization.</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 hover:underline">
        Back to your campaigns
      </Link>
    </div>
  );
}
