"use client";
import type { SystemDto } from "@capstan/domain";
import Link from "next/link";
import { useState } from "react";
import { useT } from "@/lib/client/i18n";
import { CheckFilter } from "@/components/ui/filters";
import { DataTable, type Page, SearchBox, usePagedList } from "@/components/ui/paged-list";

/** Systems (of one department, or every visible one), sorted by the server (SYSTEM_SORTS); "mine only" and the sort kept in the URL. */
export function SystemsTable({
  initial,
  initialQ,
  initialSort = "",
  initialMine = "",
  department,
}: {
  initial: Page<SystemDto>;
  initialQ: string;
  initialSort?: string;
  initialMine?: string;
  department?: string;
}) {
  const t = useT();
  const [mine, setMine] = useState(initialMine);
  const list = usePagedList({ endpoint: "/api/v1/systems", initial, initialQ, initialSort, params: { department }, filters: { mine } });
  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-center gap-4">
        <SearchBox value={list.q} onChange={list.onSearch} />
        <CheckFilter label={t("systems.mine")} value={mine} onChange={setMine} />
      </div>
      <DataTable
        query={list.query}
        search={list.search}
        onPage={list.setPage}
        rowKey={(s) => s.name}
        filtered={mine === "true"}
        sort={list.sort}
        onSort={list.setSort}
        columns={[
          {
            accessorKey: "name",
            header: t("common.name"),
            cell: ({ row: { original: s } }) => (
              <Link className="link font-medium" href={`/systems/${s.name}`}>
                {s.name}
              </Link>
            ),
          },
          { accessorKey: "displayName", header: t("common.displayName") },
          { accessorKey: "department", header: t("common.department") },
          { header: t("systems.isolation"), cell: ({ row: { original: s } }) => t(`systems.${s.isolation}`) },
          { header: t("systems.applications"), cell: ({ row: { original: s } }) => s.applicationCount },
          { header: t("systems.members"), cell: ({ row: { original: s } }) => s.memberCount },
        ]}
      />
    </section>
  );
}
