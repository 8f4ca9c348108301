"use client";
import type { DepartmentDto } from "@capstan/domain";
import Link from "next/link";
import { useT } from "@/lib/client/i18n";
import { type Page, SearchableTable } from "@/components/ui/paged-list";

export function DepartmentsTable({ initial, initialQ }: { initial: Page<DepartmentDto>; initialQ: string }) {
  const t = useT();
  return (
    <SearchableTable
      endpoint="/api/v1/departments"
      initial={initial}
      initialQ={initialQ}
      rowKey={(d) => d.name}
      columns={[
        {
          header: t("common.name"),
          cell: ({ row: { original: d } }) => (
            <Link className="link font-medium" href={`/departments/${d.name}`}>
              {d.name}
            </Link>
          ),
        },
        { header: t("common.displayName"), cell: ({ row: { original: d } }) => d.displayName },
        { header: t("departments.systems"), cell: ({ row: { original: d } }) => d.systemCount },
      ]}
    />
  );
}
