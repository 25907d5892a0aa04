import { AppHeader } from '@/components/layout/app-header';
import { requireAuth } from '@/lib/auth/session';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const auth = await requireAuth();
  return (
    <>
      <AppHeader user={auth.user} organization={auth.organization} role={auth.role} />
      <main className="mx-auto max-w-7xl px-6 py-5">{children}</main>
    </>
  );
}
