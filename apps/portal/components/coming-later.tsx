import { PageHeader } from "@/components/page-header";
import { pageContext, pageTranslator } from "@/lib/server/context";
import type { MessageKey } from "@/messages";

/** An honest empty state for sections whose features arrive in later releases. */
export async function ComingLater({ title }: { title: MessageKey }) {
  const [, t] = await Promise.all([pageContext(), pageTranslator()]);
  return (
    <>
      <PageHeader title={t(title)} />
      <div className="card space-y-1">
        <p className="font-medium">{t("common.notYet")}</p>
        <p className="text-sm text-slate-600">{t("common.notYetDetail")}</p>
      </div>
    </>
  );
}
