"use client";
import type { TokenDto } from "@capstan/usecases";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useLocale, useT } from "@/lib/client/i18n";
import { Field, FormError, useApiMutation } from "./form";
import { Table } from "./paged-list";

const ENDPOINT = "/api/v1/tokens";

export function TokensPanel({ initial }: { initial: TokenDto[] }) {
  const t = useT();
  const locale = useLocale();
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: [ENDPOINT], queryFn: () => apiFetch<{ items: TokenDto[] }>(ENDPOINT), initialData: { items: initial } });
  const create = useApiMutation((body: { name: string; expiresInDays: number }) => apiFetch<TokenDto & { token: string }>(ENDPOINT, { method: "POST", body }), {
    invalidate: [ENDPOINT],
    onSuccess: (created) => setSecret(created.token),
  });
  const revoke = useApiMutation((id: string) => apiFetch(`${ENDPOINT}/${id}`, { method: "DELETE" }), { invalidate: [ENDPOINT] });
  return (
    <div className="space-y-6">
      <form
        className="card flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          create.mutate({ name: String(data.get("name")), expiresInDays: Number(data.get("expiresInDays")) });
        }}
      >
        <div className="min-w-48 flex-1">
          <Field label={t("tokens.name")} error={create.fields.name}>
            {(p) => <input {...p} name="name" className="input" required maxLength={100} />}
          </Field>
        </div>
        <div className="w-40">
          <Field label={t("tokens.expiresInDays")} error={create.fields.expiresInDays}>
            {(p) => <input {...p} name="expiresInDays" type="number" min={1} max={365} defaultValue={30} className="input" required />}
          </Field>
        </div>
        <button type="submit" className="btn-primary" disabled={create.isPending}>
          {t("tokens.create")}
        </button>
        <div className="w-full">
          <FormError error={create.error} />
        </div>
      </form>
      {secret ? (
        <div role="status" className="card space-y-2 border-amber-300 bg-amber-50">
          <p className="text-sm font-medium">{t("tokens.created")}</p>
          <code data-testid="new-token" className="block break-all rounded bg-white p-2 text-sm">{secret}</code>
        </div>
      ) : null}
      {tokens.data.items.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("tokens.none")}</p>
      ) : (
        <Table
          rows={tokens.data.items}
          rowKey={(tok) => tok.id}
          columns={[
            { header: t("tokens.name"), cell: (tok) => tok.name },
            { header: t("tokens.prefix"), cell: (tok) => <code>{tok.prefix}…</code> },
            { header: t("tokens.expires"), cell: (tok) => fmt.format(new Date(tok.expiresAt)) },
            { header: t("tokens.lastUsed"), cell: (tok) => (tok.lastUsedAt ? fmt.format(new Date(tok.lastUsedAt)) : t("tokens.never")) },
            {
              header: t("common.actions"),
              cell: (tok) =>
                tok.revokedAt ? (
                  <span className="text-slate-500">{t("tokens.revoked")}</span>
                ) : (
                  <button type="button" className="link text-red-700" onClick={() => revoke.mutate(tok.id)} disabled={revoke.isPending}>
                    {t("tokens.revoke")}
                  </button>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
