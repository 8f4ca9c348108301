// Sign-in: email + password for the embedded default, plus OIDC when CAPSTAN_OIDC_ISSUER is set.
// Sessions are JWTs holding only the user id; roles are read fresh from the database per request.
import { db } from "@capstan/db";
import { signInWithOidc, signInWithPassword } from "@capstan/usecases";
import NextAuth from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";

const Login = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) });

const providers: Provider[] = [
  Credentials({
    credentials: { email: {}, password: {} },
    async authorize(raw) {
      const parsed = Login.safeParse(raw);
      return parsed.success ? signInWithPassword(db(), parsed.data.email, parsed.data.password) : null;
    },
  }),
];

export const oidcEnabled = Boolean(process.env.CAPSTAN_OIDC_ISSUER);
if (oidcEnabled) {
  providers.push({
    id: "oidc",
    name: process.env.CAPSTAN_OIDC_NAME ?? "SSO",
    type: "oidc",
    issuer: process.env.CAPSTAN_OIDC_ISSUER,
    clientId: process.env.CAPSTAN_OIDC_CLIENT_ID,
    clientSecret: process.env.CAPSTAN_OIDC_CLIENT_SECRET,
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 3600 },
  pages: { signIn: "/sign-in" },
  providers,
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      // Trust only addresses the identity provider has verified; the account is matched by email.
      if (!user.email || profile?.email_verified !== true) return false;
      const local = await signInWithOidc(db(), user.email, user.name ?? user.email);
      if (!local) return false;
      user.id = local.id;
      return true;
    },
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
