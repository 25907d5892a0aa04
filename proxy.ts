import { withAuth } from 'next-auth/middleware';

/** Sends people who are not signed in to the sign-in page; every page and action still checks for itself. */
export default withAuth({ pages: { signIn: '/sign-in' } });

export const config = {
  matcher: ['/((?!api/|oauth/|\\.well-known/|sign-in|_next/|favicon.ico).*)'],
};
