import Link from 'next/link';
import { SignOutButton } from './sign-out-button';

type Props = { user: { name: string; email: string }; organization: { name: string }; role: string };

export function AppHeader({ user, organization, role }: Props) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-6 py-3">
        <div className="flex items-center gap-6">
          <Link href="/" className="text-lg font-semibold text-brand-700">
            Polis canvass review
          </Link>
          <nav aria-label="Main">
            <ul className="flex gap-4 text-sm">
              <li>
                <Link href="/" className="text-slate-700 hover:text-brand-700">
                  Campaigns
                </Link>
              </li>
            </ul>
          </nav>
        </div>
        <div className="flex items-center gap-4 text-sm">
          <p aria-label="Signed in as">
            <span className="font-medium">{user.name}</span>
            <span className="text-slate-500">
              {' '}
              · {organization.name} · <span className="capitalize">{role}</span>
            </span>
          </p>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
