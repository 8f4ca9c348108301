"use client";
// API tokens as a table with revoke: one's own (tokens-panel.tsx) and, for platform admins, anyone's
// (user-tokens.tsx).
import type { TokenDto } from "@capstan/domain";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Table } from "@/components/ui/paged-list";
import { Time } from "@/components/ui/time";

/** Rows of `tokens`, each not yet revoked with a confirmed Revoke (DELETE `endpoint`/{id}; refreshes `endpoint`). */
export function TokensTable({ tokens, endpoint }: { tokens: TokenDto[]; endpoint: string }) {
  const t = useT();
  return (
    <Table
      rows={tokens}
      rowKey={(tok) => tok.id}
      columns={[
        { header: t("tokens.name"), cell: ({ row: { original: tok } }) => tok.name },
        { header: t("tokens.prefix"), cell: ({ row: { original: tok } }) => <code>{tok.prefix}…</code> },
        { header: t("tokens.expires"), cell: ({ row: { original: tok } }) => <Time at={tok.expiresAt} /> },
        { header: t("tokens.lastUsed"), cell: ({ row: { original: tok } }) => <Time at={tok.lastUsedAt} relative empty={t("tokens.never")} /> },
        {
          header: t("common.actions"),
          cell: ({ row: { original: tok } }) =>
            tok.revokedAt ? (
              <span className="text-slate-500">{t("tokens.revoked")}</span>
            ) : (
              <ConfirmAction
                label={t("tokens.revoke")}
                triggerClass="link text-red-700"
                danger
                title={t("tokens.revokeTitle", { name: tok.name })}
                message={t("tokens.revokeHelp")}
                pendingLabel={t("tokens.revoking")}
                onConfirm={() => apiFetch(`${endpoint}/${tok.id}`, { method: "DELETE" })}
                invalidate={[endpoint]}
              />
            ),
        },
      ]}
    />
  );
}
