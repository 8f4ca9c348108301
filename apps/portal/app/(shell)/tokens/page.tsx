import { listApiTokens } from "@capstan/usecases";
import { PageHeader } from "@/components/shell/page-header";
import { NewButton } from "@/components/ui/new-button";
import { TokensPanel } from "@/components/users/tokens-panel";
import { pageContext, pageTranslator } from "@/lib/server/context";

export default async function TokensPage() {
  const [ctx, t] = await Promise.all([pageContext(), pageTranslator()]);
  return (
    <>
      <PageHeader title={t("tokens.title")} actions={<NewButton href="#new" label={t("tokens.new")} />} />
      <p className="text-sm text-slate-600">{t("tokens.intro")}</p>
      <TokensPanel initial={await listApiTokens(ctx)} />
    </>
  );
}
