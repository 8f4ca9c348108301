// Who is asking: the session for pages, a bearer token or the session for the REST API.
import "server-only";
import { db } from "@capstan/db";
import { DomainError, unauthenticated } from "@capstan/domain";
import { authenticateToken, type Context, loadActor } from "@capstan/usecases";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { LOCALE_COOKIE, pickLocale, translator } from "@/messages";

/** The signed-in user's context for a page; sends strangers to the sign-in page. */
export const pageContext = cache(async (): Promise<Context> => {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  try {
    return { db: db(), actor: await loadActor(db(), session.user.id) };
  } catch {
    redirect("/sign-in");
  }
});

/** The REST API's context: `Authorization: Bearer cap_…` or the browser session. */
export async function apiContext(request: Request): Promise<Context> {
  const header = request.headers.get("authorization");
  if (header) {
    const [scheme, token] = header.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token) throw unauthenticated("Use “Authorization: Bearer <token>”.");
    return { db: db(), actor: await loadActor(db(), await authenticateToken(db(), token)) };
  }
  const session = await auth();
  if (!session?.user?.id) throw unauthenticated();
  return { db: db(), actor: await loadActor(db(), session.user.id) };
}

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
