// Sign-in: email + password for the embedded default, plus OIDC when CAPSTAN_OIDC_ISSUER is set
// (docs/security/oidc.md: claims, role mapping, refusals).
// The session cookie is a JWT holding the user id and a UserSession id (`sid`); the session row is checked
// on every request (the jwt callback runs for every auth()), so sign-out, a password change or disabling
// the user end it at once. Roles are read fresh from the database per request.
import { db } from "@capstan/db";
import {
  authenticateSession,
  endSession,
  sessionSettings,
  signInWithOidc,
  signInWithPassword,
  SignInThrottled,
  startSession,
} from "@capstan/usecases/internal";
import { oidcSettingsFromEnv } from "@capstan/domain";
import NextAuth, { CredentialsSignin, customFetch } from "next-auth";
import { headers } from "next/headers";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { fetchWithDeadline, OIDC_CALL_DEADLINE_MS } from "@/lib/server/fetch-deadline";
import { noteOidcError } from "@/lib/server/oidc-refusals";

const Login = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) });

/** Sign-in refused for too many failures; `code` carries the minutes to wait to the sign-in page. */
class Throttled extends CredentialsSignin {
  constructor(minutes: number) {
    super();
    this.code = `throttled-${minutes}`;
  }
}

/**
 * The client's address for per-address throttling: the last hop of X-Forwarded-For, the one a reverse proxy
 * that appends (nginx's $proxy_add_x_forwarded_for) vouches for. `next start` alone fills the header from
 * the socket only when the client sent none, so without such a proxy the per-address count can be dodged
 * by forging it; the per-account count cannot (docs/security/sessions.md).
 */
export function clientAddress(headers: Headers): string | null {
  const hops = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return hops?.at(-1) ?? headers.get("x-real-ip");
}

const providers: Provider[] = [
  Credentials({
    credentials: { email: {}, password: {} },
    async authorize(raw, request) {
      const parsed = Login.safeParse(raw);
      if (!parsed.success) return null;
      try {
        return await signInWithPassword(db(), parsed.data.email, parsed.data.password, { ip: clientAddress(request.headers) });
      } catch (e) {
        if (e instanceof SignInThrottled) throw new Throttled(Math.max(1, Math.ceil(e.retryAfterMs / 60_000)));
        throw e;
      }
    },
  }),
];

/** Single sign-on settings (CAPSTAN_OIDC_*); a bad value stops the portal at start (startup-checks.ts). */
export const oidc = oidcSettingsFromEnv(process.env);
if (oidc) {
  providers.push({
    id: "oidc",
    name: oidc.name,
    type: "oidc",
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    // Authorisation code with PKCE (S256), state and nonce: each binds the answer to this browser's attempt.
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: oidc.scopes } },
    // Discovery, JWKS and the token endpoint each answer within the deadline, or the sign-in fails.
    [customFetch]: fetchWithDeadline(OIDC_CALL_DEADLINE_MS),
  });
}

const settings = sessionSettings();

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // The cookie never outlives the absolute lifetime; the UserSession row is what really decides.
  session: { strategy: "jwt", maxAge: Math.floor(settings.maxAgeMs / 1000) },
  // Errors (an OIDC callback that failed) land on the sign-in page too, not on next-auth's own page.
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers,
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc" || !oidc) return true;
      // The ID token is validated (issuer, audience, signature, expiry, nonce); its claims decide the rest.
      const result = await signInWithOidc(db(), oidc, profile ?? {}, { ip: clientAddress(await headers()) });
      if ("refused" in result) return `/sign-in?error=sso-${result.refused}`;
      user.id = result.user.id;
      return true;
    },
    async jwt({ token, user, account }) {
      if (user?.id) {
        // Sign-in: a new server-side session. The request's headers are those of the sign-in action.
        const h = await headers();
        const s = await startSession(db(), user.id, { userAgent: h.get("user-agent"), ip: clientAddress(h) }, settings);
        return { sub: user.id, sid: s.id, sessionEnds: s.expiresAt.getTime(), sso: account?.provider === "oidc" };
      }
      const live = await authenticateSession(db(), token.sid, settings);
      // null clears the cookie where it can be written and yields no session everywhere.
      if (!live || live.userId !== token.sub) return null;
      return { ...token, sessionEnds: live.expiresAt.getTime() };
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sid = typeof token.sid === "string" ? token.sid : undefined;
      session.sso = token.sso === true;
      // What /api/auth/session reports: the earlier of the absolute end and the idle deadline.
      if (typeof token.sessionEnds === "number") (session as { expires: unknown }).expires = new Date(token.sessionEnds).toISOString();
      return session;
    },
  },
  // Errors are still logged as next-auth logs them; an OIDC callback's cause is also kept for the sign-in page.
  logger: {
    error(error) {
      noteOidcError(error);
      console.error(`[auth][error] ${error.name}: ${error.message}`, (error.cause as { err?: unknown } | undefined)?.err ?? "");
    },
  },
  events: {
    async signOut(message) {
      if ("token" in message && message.token) await endSession(db(), message.token.sid);
    },
  },
});

declare module "next-auth" {
  interface Session {
    /** The UserSession id behind this browser session. */
    sid?: string;
    /** Whether this session began with single sign-on: sign-out then also ends the provider's session. */
    sso?: boolean;
  }
}
