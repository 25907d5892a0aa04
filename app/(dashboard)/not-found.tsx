import { NotFoundMessage } from '@/components/layout/not-found-message';

/** Inside the dashboard's layout, which is already the page's `main`. */
export default function NotFound() {
  return <NotFoundMessage />;
}
