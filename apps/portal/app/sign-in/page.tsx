import { isOidcRefusal, type OidcRefusal } from "@capstan/domain";
import { oidc } from "@/auth";
import { pageTranslator } from "@/lib/server/context";
import type { MessageKey } from "@/messages";
import { signInAction, signInWithSsoAction } from "../actions";

/** What a refused single sign-on (`?error=sso-<reason>`, auth.ts and oidc-refusals.ts) tells the person. */
const SSO_REFUSED: Record<OidcRefusal, MessageKey> = {
  "email-missing": "signIn.ssoRefused.emailMissing",
  "email-unverified": "signIn.ssoRefused.emailUnverified",
  "role-claim-missing": "signIn.ssoRefused.roleClaimMissing",
  "role-claim-malformed": "signIn.ssoRefused.roleClaimMalformed",
  disabled: "signIn.ssoRefused.disabled",
  "issuer-mismatch": "signIn.ssoRefused.issuerMismatch",
  "id-token-expired": "signIn.ssoRefused.idTokenExpired",
  "id-token-invalid": "signIn.ssoRefused.idTokenInvalid",
  "provider-error": "signIn.ssoRefused.providerError",
};

/** The message for `?error=`: throttling, a wrong password (the portal's "1", next-auth's CredentialsSignin), a refused single sign-on, or any other of next-auth's errors. */
function errorKey(error: string): MessageKey {
  if (error === "throttled") return "signIn.throttled";
  if (error === "1" || error === "CredentialsSignin") return "signIn.failed";
  const reason = error.replace(/^sso-/, "");
  return error.startsWith("sso-") && isOidcRefusal(reason) ? SSO_REFUSED[reason] : "signIn.error";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; next?: string; minutes?: string; code?: string }> }) {
  const [{ error: given, next, minutes: givenMinutes, code }, t] = await Promise.all([searchParams, pageTranslator()]);
  // next-auth's own callback (a form posted to /api/auth/callback/credentials) reports throttling as
  // ?error=CredentialsSignin&code=throttled-<minutes>; the portal's sign-in action as ?error=throttled.
  const throttledFor = /^throttled-(\d+)$/.exec(String(code ?? ""))?.[1];
  const error = throttledFor ? "throttled" : given;
  const minutes = throttledFor ?? givenMinutes;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <title>{`${t("signIn.title")} · Capstan`}</title>
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <h1 className="text-2xl font-semibold">{t("signIn.title")}</h1>
          <p className="text-sm text-slate-500">{t("app.tagline")}</p>
        </div>
        <form action={signInAction} className="card space-y-4">
          <input type="hidden" name="next" value={next ?? "/"} />
          {error ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {t(errorKey(error), { minutes: Number(minutes) || 15 })}
            </p>
          ) : null}
          <label className="block space-y-1 text-sm font-medium">
            <span>{t("signIn.email")}</span>
            <input name="email" type="email" autoComplete="username" required className="input" autoFocus />
          </label>
          <label className="block space-y-1 text-sm font-medium">
            <span>{t("signIn.password")}</span>
            <input name="password" type="password" autoComplete="current-password" required className="input" />
          </label>
          <button type="submit" className="btn-primary w-full justify-center">
            {t("signIn.submit")}
          </button>
        </form>
        {oidc ? (
          <form action={signInWithSsoAction}>
            <button type="submit" className="btn-secondary w-full justify-center">
              {t("signIn.sso", { name: oidc.name })}
            </button>
          </form>
        ) : (
          <p className="text-center text-xs text-slate-500">{t("signIn.demo")}</p>
        )}
      </div>
    </main>
  );
}
