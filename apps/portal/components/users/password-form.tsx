"use client";
// Self-service password change (POST /api/v1/me/password): the current password, the new one twice.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, formValues, useApiMutation } from "@/components/ui/form";

export function PasswordForm() {
  const t = useT();
  const router = useRouter();
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const change = useApiMutation((body: { currentPassword: string; newPassword: string }) => apiFetch("/api/v1/me/password", { method: "POST", body }), {
    onSuccess: () => {
      setDone(true);
      router.refresh();
    },
  });
  if (done)
    return (
      <div className="card space-y-4">
        <p role="status" className="text-sm text-green-800">
          {t("account.changed")}
        </p>
        <a href="/" className="btn-primary w-full justify-center">
          {t("account.back")}
        </a>
      </div>
    );
  return (
    <form
      className="card space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        const differ = v.newPassword !== v.confirm;
        setMismatch(differ);
        if (!differ) change.mutate({ currentPassword: v.currentPassword ?? "", newPassword: v.newPassword ?? "" });
      }}
    >
      <FormError error={change.error} />
      <Field label={t("account.current")} error={change.fields.currentPassword}>
        {(p) => <input {...p} name="currentPassword" type="password" autoComplete="current-password" required className="input" />}
      </Field>
      <Field label={t("account.new")} error={change.fields.newPassword} hint={t("account.hint")}>
        {(p) => <input {...p} name="newPassword" type="password" autoComplete="new-password" required minLength={12} className="input" />}
      </Field>
      <Field label={t("account.confirm")} error={mismatch ? t("account.mismatch") : undefined}>
        {(p) => <input {...p} name="confirm" type="password" autoComplete="new-password" required className="input" />}
      </Field>
      <button type="submit" className="btn-primary w-full justify-center" disabled={change.isPending}>
        {t("account.submit")}
      </button>
    </form>
  );
}
