"use client";
import type { UserDto } from "@capstan/domain";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Field, FormError, formValues, useApiMutation } from "@/components/ui/form";
import { DataTable, type Page, SearchBox, usePagedList } from "@/components/ui/paged-list";
import { UserTokens } from "@/components/users/user-tokens";

const ENDPOINT = "/api/v1/users";

/** Everyone with an account, sorted by the server (USER_SORTS); with `canManage`, disabling and creating accounts. */
export function UsersAdmin({
  initial,
  initialQ,
  initialSort = "",
  canManage,
}: {
  initial: Page<UserDto>;
  initialQ: string;
  initialSort?: string;
  canManage: boolean;
}) {
  const t = useT();
  const list = usePagedList({ endpoint: ENDPOINT, initial, initialQ, initialSort });
  const create = useApiMutation((body: Record<string, unknown>) => apiFetch<UserDto>(ENDPOINT, { method: "POST", body }), { invalidate: [ENDPOINT] });
  const toggle = (u: UserDto) =>
    apiFetch(`${ENDPOINT}/${encodeURIComponent(u.email)}`, { method: "PATCH", body: { disabled: !u.disabled, version: u.version } });
  const [tokensOf, setTokensOf] = useState<string | null>(null);
  const f = create.fields;
  return (
    <div className="space-y-6">
      <section className="space-y-3">
        <SearchBox value={list.q} onChange={list.onSearch} />
        <DataTable
          query={list.query}
          search={list.search}
          onPage={list.setPage}
          rowKey={(u) => u.email}
          sort={list.sort}
          onSort={list.setSort}
          columns={[
            { accessorKey: "email", header: t("users.email") },
            { accessorKey: "name", header: t("users.name") },
            { header: t("users.platformRole"), cell: ({ row: { original: u } }) => (u.platformRole ? t(`roles.${u.platformRole}`) : "—") },
            {
              header: t("users.status"),
              cell: ({ row: { original: u } }) => `${u.disabled ? t("users.disabled") : t("users.active")}${u.sso ? ` · ${t("users.sso")}` : ""}`,
            },
            ...(canManage
              ? [
                  {
                    header: t("common.actions"),
                    cell: ({ row: { original: u } }: { row: { original: UserDto } }) => (
                      <span className="flex gap-3">
                        <ConfirmAction
                          label={u.disabled ? t("users.enable") : t("users.disable")}
                          triggerClass={u.disabled ? "link" : "link text-red-700"}
                          danger={!u.disabled}
                          title={t(u.disabled ? "users.enableTitle" : "users.disableTitle", { email: u.email })}
                          message={t(u.disabled ? "users.enableHelp" : "users.disableHelp")}
                          pendingLabel={t("users.saving")}
                          onConfirm={() => toggle(u)}
                          invalidate={[ENDPOINT]}
                        />
                        <button type="button" className="link" onClick={() => setTokensOf(u.email)}>
                          {t("users.tokens")}
                        </button>
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </section>
      {canManage && tokensOf ? <UserTokens key={tokensOf} email={tokensOf} onClose={() => setTokensOf(null)} /> : null}
      {canManage ? (
        <form
          id="new"
          className="card max-w-xl scroll-mt-4 space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const v = formValues(form);
            create.mutate({ ...v, platformRole: v.platformRole || null }, { onSuccess: () => form.reset() });
          }}
        >
          <h2 className="font-semibold">{t("users.new")}</h2>
          <Field label={t("users.email")} error={f.email}>
            {(p) => <input {...p} name="email" type="email" className="input" required />}
          </Field>
          <Field label={t("users.name")} error={f.name}>
            {(p) => <input {...p} name="name" className="input" required />}
          </Field>
          <Field label={t("users.password")} error={f.password}>
            {(p) => <input {...p} name="password" type="password" autoComplete="new-password" minLength={12} className="input" required />}
          </Field>
          <Field label={t("users.platformRole")} error={f.platformRole}>
            {(p) => (
              <select {...p} name="platformRole" className="input" defaultValue="">
                <option value="">{t("users.noPlatformRole")}</option>
                <option value="PLATFORM_ADMIN">{t("roles.PLATFORM_ADMIN")}</option>
                <option value="OPS">{t("roles.OPS")}</option>
              </select>
            )}
          </Field>
          <FormError error={create.fields.email || create.fields.password ? null : create.error} />
          <button type="submit" className="btn-primary" disabled={create.isPending}>
            {create.isPending ? t("common.saving") : t("common.create")}
          </button>
        </form>
      ) : null}
    </div>
  );
}
