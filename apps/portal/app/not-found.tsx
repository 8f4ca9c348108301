import Link from "next/link";
import { pageTranslator } from "@/lib/server/context";

export default async function NotFound() {
  const t = await pageTranslator();
  return (
    <main className="flex min-h-[50vh] flex-col items-center justify-center gap-3 p-8">
      <h1 className="text-2xl font-semibold">{t("errors.notFound")}</h1>
      <Link href="/" className="link">
        {t("nav.dashboard")}
      </Link>
    </main>
  );
}
