import Link from 'next/link';
import { buttonClass } from './button';

/** What went wrong and what to do: shown in place of data that could not be loaded. */
export function ErrorState({ title, message, retryHref }: { title: string; message: string; retryHref?: string }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-900">
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{message}</p>
      {retryHref && (
        <Link href={retryHref} className={`${buttonClass('secondary')} mt-4`}>
          Try again
        </Link>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
      <p className="font-medium text-slate-800">{title}</p>
      {children}
    </div>
  );
}
