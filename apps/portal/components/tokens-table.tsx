"use client";
// API tokens as a table with revoke: one's own (tokens-panel.tsx) and, for platform admins, anyone's
// (user-tokens.tsx).
import type { TokenDto } from "@capstan/domain";
import { useT } from "@/lib/client/i18n";
import { Table } from "./paged-list";
import { Time } from "./time";

/** Rows of `tokens`; `onRevoke(id)` for each one not yet revoked, disabled while `revoking`. */
export function TokensTable({ tokens, onRevoke, revoking }: { tokens: TokenDto[]; onRevoke: (id: string) => void; revoking: boolean }) {
  const t = useT();
  return (
    <Table
      rows={tokens}
      rowKey={(tok) => tok.id}
      columns={[
        { header: t("tokens.name"), cell: (tok) => tok.name },
        { header: t("tokens.prefix"), cell: (tok) => <code>{tok.prefix}…</code> },
        { header: t("tokens.expires"), cell: (tok) => <Time at={tok.expiresAt} /> },
        { header: t("tokens.lastUsed"), cell: (tok) => <Time at={tok.lastUsedAt} relative empty={t("tokens.never")} /> },
        {
          header: t("common.actions"),
          cell: (tok) =>
            tok.revokedAt ? (
              <span className="text-slate-500">{t("tokens.revoked")}</span>
            ) : (
              <button type="button" className="link text-red-700" onClick={() => onRevoke(tok.id)} disabled={revoking}>
                {t("tokens.revoke")}
              </button>
            ),
        },
      ]}
    />
  );
}
