import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// Sends signed-out visitors to the login page, remembering where they were going.
// Convenience only: every page and mutation checks the caller itself on the server.
export async function proxy(request: NextRequest) {
  // Server actions answer for themselves (401 state), like the API does.
  if (request.headers.has("next-action")) return NextResponse.next();
  const token = await getToken({ req: request });
  if (token) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything but the login page, APIs (which answer 401 themselves) and static files.
  matcher: ["/((?!login|api|_next|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
