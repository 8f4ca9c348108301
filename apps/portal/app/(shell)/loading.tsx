import { pageTranslator } from "@/lib/server/context";

/** Shown inside the shell while a page's data loads (Next.js streams it at once, then the page). */
export default async function Loading() {
  const t = await pageTranslator();
  return (
    <div role="status" aria-live="polite" className="space-y-4" data-testid="page-loading">
      <span className="sr-only">{t("shell.loading")}</span>
      <div className="h-8 w-64 max-w-full animate-pulse rounded bg-slate-200" />
      <div className="h-40 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}
