"use client";
import { DEPARTMENT_ROLES as ROLES, type DepartmentMember as Member, type DepartmentRole as Role } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Field, FormError, useApiMutation } from "@/components/ui/form";

/** The last role change, so it can be undone. */
type Change = { email: string; from: Role; to: Role };

export function DepartmentMembers({ department, initial, canManage }: { department: string; initial: Member[]; canManage: boolean }) {
  const t = useT();
  const endpoint = `/api/v1/departments/${department}/members`;
  const members = useQuery({ queryKey: [endpoint], queryFn: () => apiFetch<{ items: Member[] }>(endpoint), initialData: { items: initial } });
  const opts = { invalidate: [endpoint] };
  const add = useApiMutation((body: { email: string; role: Role }) => apiFetch(endpoint, { method: "POST", body }), opts);
  const roleUrl = (email: string) => `${endpoint}/${encodeURIComponent(email)}`;
  const putRole = (email: string, role: Role) => apiFetch(roleUrl(email), { method: "PUT", body: { role } });
  // A role select only chooses; the change is saved by "Save role" after a confirmation, and can be undone.
  const [drafts, setDrafts] = useState<Record<string, Role>>({});
  const [changed, setChanged] = useState<Change | null>(null);
  const undo = useApiMutation((c: Change) => putRole(c.email, c.from), { ...opts, onSuccess: () => setChanged(null) });
  const draft = (email: string, role: Role | null) =>
    setDrafts((d) => {
      const next = { ...d };
      if (role) next[email] = role;
      else delete next[email];
      return next;
    });
  const items = members.data.items;
  return (
    <section className="card space-y-3" aria-labelledby="dept-members">
      <h2 id="dept-members" className="font-semibold">
        {t("departments.members")} ({items.length})
      </h2>
      {items.length === 0 ? <p className="text-sm text-slate-600">{t("departments.noMembers")}</p> : null}
      <ul className="divide-y divide-slate-100">
        {items.map((m) => {
          const to = drafts[m.email];
          return (
            <li key={m.email} className="flex flex-wrap items-center justify-between gap-2 py-1.5 text-sm">
              <span>
                {m.name} <span className="text-slate-500">&lt;{m.email}&gt;</span>
              </span>
              <span className="flex items-center gap-3">
                {canManage ? (
                  <select
                    aria-label={`${t("departments.role")}: ${m.email}`}
                    className="input w-auto py-1"
                    value={drafts[m.email] ?? m.role}
                    onChange={(e) => draft(m.email, e.target.value === m.role ? null : (e.target.value as Role))}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="rounded bg-slate-100 px-1.5 text-xs">{t(`roles.${m.role}`)}</span>
                )}
                {canManage && to ? (
                  <>
                    <ConfirmAction
                      label={t("departments.saveRole")}
                      triggerClass="btn-primary py-1"
                      title={t("departments.roleChangeTitle", { email: m.email })}
                      message={t("departments.roleChangeHelp", { email: m.email, from: t(`roles.${m.role}`), to: t(`roles.${to}`) })}
                      pendingLabel={t("common.saving")}
                      onConfirm={() => putRole(m.email, to)}
                      invalidate={[endpoint]}
                      onDone={() => {
                        setChanged({ email: m.email, from: m.role, to });
                        draft(m.email, null);
                      }}
                    />
                    <button type="button" className="link" onClick={() => draft(m.email, null)}>
                      {t("common.cancel")}
                    </button>
                  </>
                ) : null}
                {canManage ? (
                  <ConfirmAction
                    label={t("systems.remove")}
                    triggerClass="link text-red-700"
                    danger
                    title={t("departments.removeTitle", { email: m.email })}
                    message={t("departments.removeHelp")}
                    pendingLabel={t("departments.removing")}
                    onConfirm={() => apiFetch(roleUrl(m.email), { method: "DELETE" })}
                    invalidate={[endpoint]}
                  />
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      {changed ? (
        <p role="status" className="flex flex-wrap items-center gap-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {t("departments.roleChanged", { email: changed.email, role: t(`roles.${changed.to}`) })}
          <button type="button" className="link" onClick={() => undo.mutate(changed)} disabled={undo.isPending}>
            {t("common.undo")}
          </button>
        </p>
      ) : null}
      <FormError error={undo.error} />
      {canManage ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const data = new FormData(form);
            add.mutate({ email: String(data.get("email")), role: String(data.get("role")) as Role }, { onSuccess: () => form.reset() });
          }}
        >
          <div className="min-w-56 flex-1">
            <Field label={t("systems.memberEmail")} error={add.fields.email}>
              {(p) => <input {...p} name="email" type="email" className="input" required />}
            </Field>
          </div>
          <label className="space-y-1 text-sm font-medium">
            <span className="block">{t("departments.role")}</span>
            <select name="role" className="input" defaultValue="DEVELOPER">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn-secondary" disabled={add.isPending}>
            {t("departments.addMember")}
          </button>
        </form>
      ) : null}
      {add.error && !add.fields.email ? <FormError error={add.error} /> : null}
    </section>
  );
}
