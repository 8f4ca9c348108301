"use client";
// A group's release history, newest first: who changed what and when, with a rollback to any earlier spec.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { GroupRevisionDto } from "@capstan/domain";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { causeText, fieldLabel } from "@/components/groups/change-cause";
import { useT } from "@/lib/client/i18n";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Digest } from "@/components/ui/digest";
import { type Column, DataTable, type Page, useCursorPages } from "@/components/ui/paged-list";
import { Time } from "@/components/ui/time";

/** A recorded value as text: env as NAME=value, lists joined, nothing as a dash. */
function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (Array.isArray(v)) return v.length ? v.map(show).join(", ") : "—";
  if (typeof v === "object") return "name" in v && "value" in v ? `${String(v.name)}=${String(v.value)}` : JSON.stringify(v);
  return String(v);
}

export function GroupRevisions({
  url,
  name,
  revision,
  canRollBack,
  initial,
}: {
  url: string;
  name: string;
  revision: number;
  canRollBack: boolean;
  initial: Page<GroupRevisionDto>;
}) {
  const t = useT();
  const endpoint = `${url}/revisions`;
  // Keyset pages: a later page is opened by its cursor, so new revisions never push rows onto it.
  const { page, cursor, setPage } = useCursorPages(endpoint);
  const [firstRevision] = useState(revision);
  // The group's revision is in the key: a change by anyone (seen by the group's polling) reloads the history.
  const query = useQuery({
    queryKey: [endpoint, page, cursor, revision],
    queryFn: () =>
      apiFetch<Page<GroupRevisionDto>>(
        `${endpoint}?${new URLSearchParams({ page: String(page), pageSize: String(initial.pageSize), ...(cursor ? { cursor } : {}) })}`,
      ),
    initialData: page === 1 && revision === firstRevision ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const columns: Column<GroupRevisionDto>[] = [
    {
      header: t("groups.revision"),
      cell: ({ row: { original: r } }) => (
        <span className="whitespace-nowrap">
          {r.revision}
          {r.revision === revision ? <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-800">{t("groups.current")}</span> : null}
        </span>
      ),
    },
    {
      header: t("groups.when"),
      cell: ({ row: { original: r } }) => <Time at={r.createdAt} />,
    },
    { header: t("groups.who"), cell: ({ row: { original: r } }) => r.createdBy ?? "—" },
    {
      header: t("groups.image"),
      cell: ({ row: { original: r } }) => (
        <span className="inline-flex flex-wrap items-center gap-2">
          <code className="text-xs">{r.spec.imageTag}</code>
          <Digest digest={r.spec.imageDigest} />
        </span>
      ),
    },
    {
      header: t("groups.whatChanged"),
      cell: ({ row: { original: r } }) => (
        <div className="space-y-1 text-xs">
          <p>{causeText(t, r)}</p>
          {r.changes.length ? (
            <ul className="space-y-0.5 text-slate-600">
              {r.changes.map((c) => (
                <li key={c.field}>
                  {fieldLabel(t, c.field)}:{" "}
                  {c.field === "imageDigest" ? (
                    <>
                      <Digest digest={c.from as string | null} copy={false} /> → <Digest digest={c.to as string | null} copy={false} />
                    </>
                  ) : (
                    <>
                      <code>{show(c.from)}</code> → <code>{show(c.to)}</code>
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ),
    },
    ...(canRollBack
      ? [
          {
            header: t("common.actions"),
            cell: ({ row: { original: r } }: { row: { original: GroupRevisionDto } }) =>
              r.sameAsCurrent ? null : (
                <ConfirmAction
                  label={t("groups.rollback")}
                  title={t("groups.rollbackTitle", { name, revision: r.revision })}
                  message={t("groups.rollbackHelp", { revision: r.revision })}
                  pendingLabel={t("groups.rollingBack")}
                  onConfirm={() => apiFetch(`${url}/rollback`, { method: "POST", body: { revision: r.revision } })}
                  invalidate={[url, endpoint]}
                />
              ),
          },
        ]
      : []),
  ];
  return (
    <section className="space-y-2" aria-labelledby="release-history">
      <h2 id="release-history" className="text-lg font-semibold">
        {t("groups.history")}
      </h2>
      <DataTable query={query} columns={columns} rowKey={(r) => String(r.revision)} search="" onPage={(p) => setPage(p, query.data?.nextCursor)} />
    </section>
  );
}
