"use client";
import type { SystemMember as Member } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Field, FormError, useApiMutation } from "@/components/ui/form";

export function MembersPanel({ system, initial, canManage }: { system: string; initial: Member[]; canManage: boolean }) {
  const t = useT();
  const endpoint = `/api/v1/systems/${system}/members`;
  const members = useQuery({ queryKey: [endpoint], queryFn: () => apiFetch<{ items: Member[] }>(endpoint), initialData: { items: initial } });
  const add = useApiMutation((email: string) => apiFetch(endpoint, { method: "POST", body: { email } }), { invalidate: [endpoint] });
  const items = members.data.items;
  return (
    <section className="card space-y-3" aria-labelledby="members-title">
      <h2 id="members-title" className="font-semibold">
        {t("systems.members")} ({items.length})
      </h2>
      {items.length === 0 ? <p className="text-sm text-slate-600">{t("systems.noMembers")}</p> : null}
      <ul className="divide-y divide-slate-100">
        {items.map((m) => (
          <li key={m.email} className="flex items-center justify-between py-1.5 text-sm">
            <span>
              {m.name} <span className="text-slate-500">&lt;{m.email}&gt;</span>
              {m.departmentRole ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs">{t(`roles.${m.departmentRole as "DEVELOPER"}`)}</span> : null}
            </span>
            {canManage ? (
              <ConfirmAction
                label={t("systems.remove")}
                triggerClass="link text-red-700"
                danger
                title={t("systems.removeTitle", { email: m.email })}
                message={t("systems.removeHelp")}
                pendingLabel={t("systems.removing")}
                onConfirm={() => apiFetch(`${endpoint}/${encodeURIComponent(m.email)}`, { method: "DELETE" })}
                invalidate={[endpoint]}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {canManage ? (
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const email = String(new FormData(form).get("email"));
            add.mutate(email, { onSuccess: () => form.reset() });
          }}
        >
          <div className="flex-1">
            <Field label={t("systems.memberEmail")} error={add.fields.email}>
              {(p) => <input {...p} name="email" type="email" className="input" required />}
            </Field>
          </div>
          <button type="submit" className="btn-secondary" disabled={add.isPending}>
            {t("systems.addMember")}
          </button>
        </form>
      ) : null}
      {add.error && !add.fields.email ? <FormError error={add.error} /> : null}
    </section>
  );
}
