import { listApiTokens } from "@capstan/usecases";
import { PageHeader } from "@/components/shell/page-header";
import { TokensPanel } from "@/components/users/tokens-panel";
import { pageContext, pageTranslator } from "@/lib/server/context";

export default async function TokensPage() {
  const [ctx, t] = await Promise.all([pageContext(), pageTranslator()]);
  return (
    <>
      <PageHeader title={t("tokens.title")} />
      <p className="text-sm text-slate-600">{t("tokens.intro")}</p>
      <TokensPanel initial={await listApiTokens(ctx)} />
    </>
  );
}
