"use client";
import type { SystemDto } from "@capstan/domain";
import Link from "next/link";
import { useState } from "react";
import { useT } from "@/lib/client/i18n";
import { DataTable, type Page, SearchBox, usePagedList } from "@/components/ui/paged-list";

export function SystemsTable({ initial, initialQ, department }: { initial: Page<SystemDto>; initialQ: string; department?: string }) {
  const t = useT();
  const [mine, setMine] = useState(false);
  const list = usePagedList({ endpoint: "/api/v1/systems", initial, initialQ, params: { department, mine: mine ? "true" : undefined } });
  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-center gap-4">
        <SearchBox value={list.q} onChange={list.onSearch} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={mine} onChange={(e) => (setMine(e.target.checked), list.setPage(1))} />
          {t("systems.mine")}
        </label>
      </div>
      <DataTable
        query={list.query}
        search={list.search}
        onPage={list.setPage}
        rowKey={(s) => s.name}
        columns={[
          {
            header: t("common.name"),
            cell: ({ row: { original: s } }) => (
              <Link className="link font-medium" href={`/systems/${s.name}`}>
                {s.name}
              </Link>
            ),
          },
          { header: t("common.displayName"), cell: ({ row: { original: s } }) => s.displayName },
          { header: t("common.department"), cell: ({ row: { original: s } }) => s.department },
          { header: t("systems.isolation"), cell: ({ row: { original: s } }) => t(`systems.${s.isolation}`) },
          { header: t("systems.applications"), cell: ({ row: { original: s } }) => s.applicationCount },
          { header: t("systems.members"), cell: ({ row: { original: s } }) => s.memberCount },
        ]}
      />
    </section>
  );
}
