import Link from 'next/link';

type Props = { page: number; size: number; total: number; hrefFor: (page: number) => string };

const number = new Intl.NumberFormat('en-US');

export function Pagination({ page, size, total, hrefFor }: Props) {
  const pages = Math.max(1, Math.ceil(total / size));
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100';
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-4 text-sm">
      <p aria-live="polite">
        {number.format(first)}–{number.format(last)} of <span data-testid="total">{number.format(total)}</span> interactions
      </p>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link className={link} href={hrefFor(page - 1)} rel="prev">
            Previous
          </Link>
        ) : (
          <span className={`${link} text-slate-500`}>Previous</span>
        )}
        <span>
          Page {number.format(page)} of {number.format(pages)}
        </span>
        {page < pages ? (
          <Link className={link} href={hrefFor(page + 1)} rel="next">
            Next
          </Link>
        ) : (
          <span className={`${link} text-slate-500`}>Next</span>
        )}
      </div>
    </nav>
  );
}
