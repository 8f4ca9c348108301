import { listSystems } from "@capstan/usecases";
import { canManageSystemsOf } from "@capstan/domain";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { SystemsTable } from "@/components/systems/systems-table";
import { pageContext, pageTranslator } from "@/lib/server/context";

export default async function SystemsPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const [ctx, t, sp] = await Promise.all([pageContext(), pageTranslator(), searchParams]);
  const initial = await listSystems(ctx, { q: sp.q || undefined, page: sp.page ?? "1" }).catch(() => listSystems(ctx, {}));
  const canCreate = ctx.actor.platformRole === "PLATFORM_ADMIN" || [...ctx.actor.departments.keys()].some((d) => canManageSystemsOf(ctx.actor, d));
  return (
    <>
      <PageHeader
        title={t("systems.title")}
        actions={
          canCreate ? (
            <Link href="/systems/new" className="btn-primary">
              {t("systems.new")}
            </Link>
          ) : null
        }
      />
      <SystemsTable initial={initial} initialQ={sp.q ?? ""} />
    </>
  );
}
