"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { setOwnLocale } from "@capstan/usecases";
import { auth, signIn, signOut } from "@/auth";
import { accountContext } from "@/lib/server/context";
import { endSessionUrl } from "@/lib/server/oidc-logout";
import { isLocale, LOCALE_COOKIE } from "@/messages";

export async function signInAction(formData: FormData) {
  const next = String(formData.get("next") ?? "/");
  try {
    await signIn("credentials", {
      email: formData.get("email"),
      password: formData.get("password"),
      redirectTo: next.startsWith("/") && !next.startsWith("//") ? next : "/",
    });
  } catch (e) {
    // auth.ts reports throttling as the code "throttled-<minutes>".
    const minutes = e instanceof CredentialsSignin ? /^throttled-(\d+)$/.exec(e.code)?.[1] : undefined;
    if (minutes) redirect(`/sign-in?error=throttled&minutes=${minutes}`);
    if (e instanceof AuthError) redirect("/sign-in?error=1");
    throw e;
  }
}

export async function signInWithSsoAction() {
  try {
    await signIn("oidc", { redirectTo: "/" });
  } catch (e) {
    // The provider could not be asked (its discovery document did not load): say so on the sign-in page.
    if (e instanceof AuthError) redirect("/sign-in?error=sso-provider-error");
    throw e;
  }
}

/**
 * Ends the session at Capstan and, for a session begun with single sign-on, at the identity provider too
 * (OIDC RP-Initiated Logout: the provider asks the person to confirm, then sends them back to /sign-in).
 */
export async function signOutAction() {
  const session = await auth();
  await signOut({ redirect: false });
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
  const providerLogout = session?.sso ? await endSessionUrl(`${origin}/sign-in`) : null;
  redirect(providerLogout ?? "/sign-in");
}

/**
 * The shell's language switch: the cookie for the portal, and the account's language too
 * (setOwnLocale), which e-mails and webhook posts to them are written in.
 */
export async function setLocaleAction(formData: FormData) {
  const locale = String(formData.get("locale"));
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 86400, sameSite: "lax" });
  await setOwnLocale(await accountContext(), { locale }); // the switch is in the shell: someone is signed in
}
