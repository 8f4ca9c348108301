"use client";
// A platform admin's view of one person's API tokens (GET /api/v1/tokens?user=…), with revoke.
import type { TokenDto } from "@capstan/usecases";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-client";
import { useLocale, useT } from "@/lib/client/i18n";
import { FormError, useApiMutation } from "./form";
import { Table } from "./paged-list";

const ENDPOINT = "/api/v1/tokens";

export function UserTokens({ email, onClose }: { email: string; onClose: () => void }) {
  const t = useT();
  const fmt = new Intl.DateTimeFormat(useLocale(), { dateStyle: "medium", timeStyle: "short" });
  const url = `${ENDPOINT}?user=${encodeURIComponent(email)}`;
  const tokens = useQuery({ queryKey: [ENDPOINT, email], queryFn: () => apiFetch<{ items: TokenDto[] }>(url) });
  const revoke = useApiMutation((id: string) => apiFetch(`${ENDPOINT}/${id}`, { method: "DELETE" }), { invalidate: [ENDPOINT] });
  return (
    <section className="card space-y-3" aria-label={t("users.tokensOf", { email })}>
      <div className="flex items-center justify-between">
        <h2 className="font-semibold">{t("users.tokensOf", { email })}</h2>
        <button type="button" className="link" onClick={onClose}>
          {t("users.close")}
        </button>
      </div>
      <FormError error={tokens.error ?? revoke.error} />
      {tokens.data && tokens.data.items.length === 0 ? <p className="text-sm text-slate-600">{t("tokens.none")}</p> : null}
      {tokens.data && tokens.data.items.length > 0 ? (
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
      ) : null}
    </section>
  );
}
