import { NotAllowed } from "@/components/shell/not-allowed";
import { pageTranslator } from "@/lib/server/context";

/** A page whose object does not exist (or that the caller may not read): inside the shell, with a way back. */
export default async function ShellNotFound() {
  const t = await pageTranslator();
  return <NotAllowed title={t("errors.notFound")} reason="notFound" />;
}
