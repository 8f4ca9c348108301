"use client";
import { DEPARTMENT_ROLES as ROLES, type DepartmentMember as Member, type DepartmentRole as Role } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, useApiMutation } from "./form";

export function DepartmentMembers({ department, initial, canManage }: { department: string; initial: Member[]; canManage: boolean }) {
  const t = useT();
  const endpoint = `/api/v1/departments/${department}/members`;
  const members = useQuery({ queryKey: [endpoint], queryFn: () => apiFetch<{ items: Member[] }>(endpoint), initialData: { items: initial } });
  const opts = { invalidate: [endpoint] };
  const add = useApiMutation((body: { email: string; role: Role }) => apiFetch(endpoint, { method: "POST", body }), opts);
  const setRole = useApiMutation(
    (v: { email: string; role: Role }) => apiFetch(`${endpoint}/${encodeURIComponent(v.email)}`, { method: "PUT", body: { role: v.role } }),
    opts,
  );
  const remove = useApiMutation((email: string) => apiFetch(`${endpoint}/${encodeURIComponent(email)}`, { method: "DELETE" }), opts);
  const items = members.data.items;
  return (
    <section className="card space-y-3" aria-labelledby="dept-members">
      <h2 id="dept-members" className="font-semibold">
        {t("departments.members")} ({items.length})
      </h2>
      {items.length === 0 ? <p className="text-sm text-slate-600">{t("departments.noMembers")}</p> : null}
      <ul className="divide-y divide-slate-100">
        {items.map((m) => (
          <li key={m.email} className="flex flex-wrap items-center justify-between gap-2 py-1.5 text-sm">
            <span>
              {m.name} <span className="text-slate-500">&lt;{m.email}&gt;</span>
            </span>
            <span className="flex items-center gap-3">
              {canManage ? (
                <select
                  aria-label={`${t("departments.role")}: ${m.email}`}
                  className="input w-auto py-1"
                  value={m.role}
                  onChange={(e) => setRole.mutate({ email: m.email, role: e.target.value as Role })}
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
              {canManage ? (
                <button type="button" className="link text-red-700" onClick={() => remove.mutate(m.email)} disabled={remove.isPending}>
                  {t("systems.remove")}
                </button>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      <FormError error={setRole.error ?? remove.error} />
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
