"use client";
// An application's builds (docs/builds.md): the Build button and the history, newest first, refreshed
// while builds run. Each row links to its build page (build-log.tsx shows the live log there).
import type { BuildDto } from "@capstan/domain";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { DataTable, type Page, usePagedList } from "@/components/ui/paged-list";
import { Time } from "@/components/ui/time";
import { buildSeconds } from "@/components/builds/build-seconds";

export function BuildsSection({
  system,
  application,
  repository,
  branch,
  canBuild,
  simulatedBuilds,
  initial,
}: {
  system: string;
  application: string;
  repository: string | null;
  branch: string;
  canBuild: boolean;
  /** How `npm start`'s simulated data centres build (CAPSTAN_SIMULATED_BUILDS): with this machine's buildah, or not at all; unset on real clusters. */
  simulatedBuilds?: "buildah" | "missing";
  initial: Page<BuildDto>;
}) {
  const t = useT();
  const router = useRouter();
  const endpoint = `/api/v1/systems/${system}/applications/${application}/builds`;
  const list = usePagedList<BuildDto>({ endpoint, initial, initialQ: "", refetchMs: 2000 });
  const href = (b: BuildDto) => `/systems/${system}/applications/${application}/builds/${b.id}`;
  return (
    <section aria-labelledby="builds-title" className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id="builds-title" className="text-lg font-semibold">
          {t("builds.title")}
        </h2>
        {canBuild && repository && simulatedBuilds === "missing" ? (
          <button type="button" className="btn-primary" disabled aria-describedby="builder-missing">
            {t("builds.build")}
          </button>
        ) : canBuild && repository ? (
          <ConfirmAction
            label={t("builds.build")}
            title={t("builds.buildTitle", { ref: branch })}
            message={t("builds.buildMessage", { ref: branch, repository })}
            pendingLabel={t("builds.building")}
            onConfirm={async () => {
              const b = await apiFetch<BuildDto>(endpoint, { method: "POST", body: {} });
              router.push(href(b));
            }}
            invalidate={[endpoint]}
          />
        ) : null}
      </div>
      {canBuild && !repository ? <p className="text-sm text-slate-600">{t("builds.noRepository")}</p> : null}
      {simulatedBuilds === "missing" ? (
        <p id="builder-missing" role="status" className="text-sm text-amber-800">
          {t("builds.builderMissing")}
        </p>
      ) : simulatedBuilds ? (
        <p className="text-xs text-slate-500">{t("builds.builderHint")}</p>
      ) : null}
      <DataTable
        query={list.query}
        search=""
        onPage={list.setPage}
        rowKey={(b) => b.id}
        empty={t("builds.none")}
        columns={[
          {
            accessorKey: "number",
            header: t("builds.number"),
            cell: ({ row: { original: b } }) => (
              <Link className="link font-medium" href={href(b)}>
                #{b.number}
              </Link>
            ),
          },
          { accessorKey: "status", header: t("builds.status"), cell: ({ row: { original: b } }) => t(`builds.${b.status}`) },
          { accessorKey: "ref", header: t("builds.ref") },
          { accessorKey: "commit", header: t("builds.commit"), cell: ({ row: { original: b } }) => <code>{b.commit?.slice(0, 7) ?? "—"}</code> },
          {
            accessorKey: "trigger",
            header: t("builds.trigger"),
            cell: ({ row: { original: b } }) =>
              b.trigger === "WEBHOOK" ? t("builds.byWebhook") : b.trigger === "FOLLOW" ? t("builds.byFollow") : (b.triggeredBy ?? "—"),
          },
          { accessorKey: "tag", header: t("builds.tag"), cell: ({ row: { original: b } }) => b.tag ?? "—" },
          {
            accessorKey: "digest",
            header: t("builds.digest"),
            cell: ({ row: { original: b } }) => <code title={b.digest ?? ""}>{b.digest?.slice(7, 19) ?? "—"}</code>,
          },
          { accessorKey: "createdAt", header: t("builds.created"), cell: ({ row: { original: b } }) => <Time at={b.createdAt} relative /> },
          {
            id: "duration",
            header: t("builds.duration"),
            cell: ({ row: { original: b } }) => {
              const s = buildSeconds(b);
              return s === null ? "—" : t("builds.seconds", { count: s });
            },
          },
        ]}
      />
    </section>
  );
}
