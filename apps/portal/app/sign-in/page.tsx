import { oidcEnabled } from "@/auth";
import { pageTranslator } from "@/lib/server/context";
import { signInAction, signInWithSsoAction } from "../actions";

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
              {error === "throttled" ? t("signIn.throttled", { minutes: Number(minutes) || 15 }) : t("signIn.failed")}
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
        {oidcEnabled ? (
          <form action={signInWithSsoAction}>
            <button type="submit" className="btn-secondary w-full justify-center">
              {t("signIn.sso")}
            </button>
          </form>
        ) : (
          <p className="text-center text-xs text-slate-500">{t("signIn.demo")}</p>
        )}
      </div>
    </main>
  );
}
