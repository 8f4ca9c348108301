// Who is asking: the session for pages, a bearer token or the session for the REST API.
import "server-only";
import { db } from "@capstan/db";
import { DomainError, domainError, unauthenticated } from "@capstan/domain";
import { type Context } from "@capstan/usecases";
import { authenticateToken, loadActor, passwordChangeRequired } from "@capstan/usecases/internal";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { LOCALE_COOKIE, pickLocale, translator } from "@/messages";

/** The signed-in user's context for a page; sends strangers to the sign-in page. */
export const pageContext = cache(async (): Promise<Context> => {
  const ctx = await accountContext();
  // A bootstrap password must be replaced before anything else (as Rancher's is).
  if (ctx.actor.mustChangePassword) redirect(PASSWORD_PAGE);
  return ctx;
});

export const PASSWORD_PAGE = "/account/password";

/**
 * The signed-in user's context without the must-change-password redirect: for the password page itself.
 * `auth()` has already checked the UserSession behind the cookie (auth.ts); a revoked or expired one
 * yields no session and so the sign-in page.
 */
export const accountContext = cache(async (): Promise<Context> => {
  const session = await auth();
  if (!session?.user?.id || !session.sid) redirect("/sign-in");
  try {
    return { db: db(), actor: await loadActor(db(), session.user.id), credential: { kind: "session", sessionId: session.sid } };
  } catch {
    redirect("/sign-in");
  }
});

/** The REST API's context: `Authorization: Bearer cap_…` or the browser session. */
export async function apiContext(request: Request): Promise<Context> {
  const header = request.headers.get("authorization");
  if (header) {
    const [scheme, token] = header.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token) throw domainError("authorization_malformed");
    return { db: db(), actor: await loadActor(db(), await authenticateToken(db(), token)), credential: { kind: "token" } };
  }
  const session = await auth();
  if (!session?.user?.id || !session.sid) throw unauthenticated();
  const actor = await loadActor(db(), session.user.id);
  // Until a bootstrap password is replaced, a session may only read who it is and change the password.
  if (actor.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${request.method} ${new URL(request.url).pathname}`)) throw passwordChangeRequired();
  return { db: db(), actor, credential: { kind: "session", sessionId: session.sid } };
}

const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(["GET /api/v1/me", "POST /api/v1/me/password"]);

export const pageLocale = cache(async () => {
  const [c, h] = await Promise.all([cookies(), headers()]);
  return pickLocale(c.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
});

export async function pageTranslator() {
  return translator(await pageLocale());
}

/** Runs a page's read; a 404 from a use case becomes Next's not-found page. */
export async function load<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (e) {
    if (e instanceof DomainError && e.status === 404) notFound();
    throw e;
  }
}
