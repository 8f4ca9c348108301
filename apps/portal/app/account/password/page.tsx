import Link from "next/link";
import { PasswordForm } from "@/components/users/password-form";
import { accountContext, pageTranslator } from "@/lib/server/context";
import { signOutAction } from "../../actions";

// Outside the shell: a user on a bootstrap password is sent here by every other page (pageContext).
export default async function PasswordPage() {
  const [ctx, t] = await Promise.all([accountContext(), pageTranslator()]);
  const mustChange = ctx.actor.mustChangePassword === true;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <title>{`${t("account.passwordTitle")} · Capstan`}</title>
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <h1 className="text-2xl font-semibold">{t("account.passwordTitle")}</h1>
          <p className="text-sm text-slate-500">{ctx.actor.email}</p>
        </div>
        {mustChange ? (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {t("account.mustChange")}
          </p>
        ) : null}
        <PasswordForm />
        <div className="flex items-center justify-center gap-4 text-sm">
          {mustChange ? null : (
            <Link href="/" className="link">
              {t("account.back")}
            </Link>
          )}
          <form action={signOutAction}>
            <button type="submit" className="link">
              {t("nav.signOut")}
            </button>
          </form>
        </div>
      </div>
    </main>
  );
}
