"use client";
import type { ApplicationDto } from "@capstan/domain";
import Link from "next/link";
import { useT } from "@/lib/client/i18n";
import { type Page, SearchableTable } from "@/components/ui/paged-list";

/** Applications of one system (`system` given) or of every visible system, sorted by the server (APPLICATION_SORTS). */
export function ApplicationsTable({
  initial,
  initialQ,
  initialSort = "",
  system,
}: {
  initial: Page<ApplicationDto>;
  initialQ: string;
  initialSort?: string;
  system?: string;
}) {
  const t = useT();
  return (
    <SearchableTable
      endpoint={system ? `/api/v1/systems/${system}/applications` : "/api/v1/applications"}
      initial={initial}
      initialQ={initialQ}
      initialSort={initialSort}
      sortable
      rowKey={(a) => `${a.system}/${a.name}`}
      empty={system ? t("systems.noApplications") : undefined}
      columns={[
        {
          accessorKey: "name",
          header: t("common.name"),
          cell: ({ row: { original: a } }) => (
            <Link className="link font-medium" href={`/systems/${a.system}/applications/${a.name}`}>
              {a.name}
            </Link>
          ),
        },
        ...(system
          ? []
          : [
              {
                id: "system",
                accessorFn: (a: ApplicationDto) => a.system,
                header: t("applications.system"),
                cell: ({ row: { original: a } }: { row: { original: ApplicationDto } }) => (
                  <Link className="link" href={`/systems/${a.system}`}>
                    {a.system}
                  </Link>
                ),
              },
            ]),
        { accessorKey: "displayName", header: t("common.displayName") },
        { accessorKey: "runtime", header: t("applications.runtime") },
        { header: t("applications.port"), cell: ({ row: { original: a } }) => `${a.protocol} ${a.port}` },
        { header: t("applications.groups"), cell: ({ row: { original: a } }) => a.groupCount },
      ]}
    />
  );
}
