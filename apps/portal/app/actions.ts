"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { setOwnLocale } from "@capstan/usecases";
import { signIn, signOut } from "@/auth";
import { accountContext } from "@/lib/server/context";
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
  await signIn("oidc", { redirectTo: "/" });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
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
