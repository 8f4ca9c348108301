"use client";
// A platform admin's view of one person's API tokens (GET /api/v1/tokens?user=…), with revoke.
import type { TokenDto } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { FormError } from "@/components/ui/form";
import { TokensTable } from "@/components/users/tokens-table";

const ENDPOINT = "/api/v1/tokens";

export function UserTokens({ email, onClose }: { email: string; onClose: () => void }) {
  const t = useT();
  const url = `${ENDPOINT}?user=${encodeURIComponent(email)}`;
  const tokens = useQuery({ queryKey: [ENDPOINT, email], queryFn: () => apiFetch<{ items: TokenDto[] }>(url) });
  return (
    <section className="card space-y-3" aria-label={t("users.tokensOf", { email })}>
      <div className="flex items-center justify-between">
        <h2 className="font-semibold">{t("users.tokensOf", { email })}</h2>
        <button type="button" className="link" onClick={onClose}>
          {t("users.close")}
        </button>
      </div>
      <FormError error={tokens.error} />
      {tokens.data && tokens.data.items.length === 0 ? <p className="text-sm text-slate-600">{t("tokens.none")}</p> : null}
      {tokens.data && tokens.data.items.length > 0 ? <TokensTable tokens={tokens.data.items} endpoint={ENDPOINT} /> : null}
    </section>
  );
}
