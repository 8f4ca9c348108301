"use client";
import type { TokenDto } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, FormError, useApiMutation } from "@/components/ui/form";
import { TokensTable } from "@/components/users/tokens-table";

const ENDPOINT = "/api/v1/tokens";

export function TokensPanel({ initial }: { initial: TokenDto[] }) {
  const t = useT();
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: [ENDPOINT], queryFn: () => apiFetch<{ items: TokenDto[] }>(ENDPOINT), initialData: { items: initial } });
  const create = useApiMutation((body: { name: string; expiresInDays: number }) => apiFetch<TokenDto & { token: string }>(ENDPOINT, { method: "POST", body }), {
    invalidate: [ENDPOINT],
    onSuccess: (created) => setSecret(created.token),
  });
  return (
    <div className="space-y-6">
      <form
        id="new"
        className="card flex scroll-mt-4 flex-wrap items-end gap-3"
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
          <code data-testid="new-token" className="block break-all rounded bg-white p-2 text-sm">
            {secret}
          </code>
          <CopyButton text={secret} label={t("tokens.created")} />
        </div>
      ) : null}
      {tokens.data.items.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("tokens.none")}</p>
      ) : (
        <TokensTable tokens={tokens.data.items} endpoint={ENDPOINT} />
      )}
    </div>
  );
}
