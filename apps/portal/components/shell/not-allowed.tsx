import Link from "next/link";
import { pageTranslator } from "@/lib/server/context";
import { PageHeader } from "@/components/shell/page-header";

/**
 * What a page shows, inside the shell, to someone who may not open it or when what it names does not
 * exist: its title, the reason and a way back to the dashboard.
 */
export async function NotAllowed({
  title,
  crumbs,
  reason = "forbidden",
}: {
  title: string;
  crumbs?: { href: string; label: string }[];
  reason?: "forbidden" | "notFound";
}) {
  const t = await pageTranslator();
  return (
    <>
      <PageHeader title={title} crumbs={crumbs} />
      <div className="card space-y-2 text-sm" data-testid={reason === "forbidden" ? "not-allowed" : "not-found"}>
        <p>{reason === "forbidden" ? t("errors.forbidden") : t("shell.notFoundText")}</p>
        <p>
          <Link href="/" className="link">
            {t("shell.back")}
          </Link>
        </p>
      </div>
    </>
  );
}
