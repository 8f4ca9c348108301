"use client";
import { GROUP_PHASES, type GroupDto } from "@capstan/domain";
import Link from "next/link";
import { useState } from "react";
import { useT } from "@/lib/client/i18n";
import { GroupPhase } from "@/components/groups/group-phase";
import { CheckFilter, SelectFilter } from "@/components/ui/filters";
import { type Page, SearchableTable } from "@/components/ui/paged-list";

/** The filters a groups list keeps in its URL (GroupListQuery). */
export type GroupFilters = Partial<Record<"phase" | "dataCentre" | "mine", string>>;

/**
 * Groups of one application (system and application given), of the actor's systems (mine), or of everything
 * visible; sorted by the server (GROUP_SORTS). With `dataCentres` (the choices), it offers the status,
 * data-centre and "mine only" filters. Refreshes live.
 */
export function GroupsTable({
  initial,
  initialQ,
  initialSort = "",
  initialFilters = {},
  dataCentres,
  system,
  application,
  mine,
}: {
  initial: Page<GroupDto>;
  initialQ: string;
  initialSort?: string;
  initialFilters?: GroupFilters;
  dataCentres?: string[];
  system?: string;
  application?: string;
  mine?: boolean;
}) {
  const t = useT();
  const [filters, setFilters] = useState<GroupFilters>(initialFilters);
  const set = (k: keyof GroupFilters) => (v: string) => setFilters((f) => ({ ...f, [k]: v || undefined }));
  const endpoint = system && application ? `/api/v1/systems/${system}/applications/${application}/groups` : "/api/v1/groups";
  return (
    <SearchableTable
      endpoint={endpoint}
      initial={initial}
      initialQ={initialQ}
      initialSort={initialSort}
      sortable
      params={mine ? { mine: "true" } : undefined}
      filters={dataCentres ? filters : undefined}
      controls={
        dataCentres ? (
          <>
            <SelectFilter
              label={t("groups.phase")}
              all={t("groups.allPhases")}
              value={filters.phase}
              onChange={set("phase")}
              options={GROUP_PHASES.map((p) => ({ value: p, label: t(`groups.${p}`) }))}
            />
            <SelectFilter
              label={t("groups.dataCentre")}
              all={t("groups.allDataCentres")}
              value={filters.dataCentre}
              onChange={set("dataCentre")}
              options={dataCentres.map((d) => ({ value: d, label: d }))}
            />
            <CheckFilter label={t("groups.mineOnly")} value={filters.mine} onChange={set("mine")} />
          </>
        ) : null
      }
      refetchMs={3000}
      rowKey={(g) => `${g.system}/${g.application}/${g.name}`}
      empty={t("groups.none")}
      columns={[
        {
          accessorKey: "name",
          header: t("common.name"),
          cell: ({ row: { original: g } }) => (
            <Link className="link font-medium" href={`/systems/${g.system}/applications/${g.application}/groups/${g.name}`}>
              {g.name}
            </Link>
          ),
        },
        ...(application
          ? []
          : [
              {
                id: "application",
                accessorFn: (g: GroupDto) => `${g.system}/${g.application}`,
                header: t("groups.application"),
              },
            ]),
        { id: "dataCentre", accessorFn: (g) => `${g.dataCentre} · ${g.cluster}`, header: t("groups.dataCentre") },
        { header: t("groups.image"), cell: ({ row: { original: g } }) => <code className="text-xs">{g.imageTag}</code> },
        { id: "replicas", accessorFn: (g) => g.replicas, header: t("groups.ready"), cell: ({ row: { original: g } }) => `${g.readyReplicas}/${g.replicas}` },
        { accessorKey: "phase", header: t("groups.phase"), cell: ({ row: { original: g } }) => <GroupPhase phase={g.phase} /> },
      ]}
    />
  );
}
