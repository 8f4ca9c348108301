"use client";
import type { GroupDto } from "@capstan/domain";
import Link from "next/link";
import { useT } from "@/lib/client/i18n";
import { GroupPhase } from "@/components/groups/group-phase";
import { type Page, SearchableTable } from "@/components/ui/paged-list";

/** Groups of one application (system and application given), of the actor's systems (mine), or of everything visible. Refreshes live. */
export function GroupsTable({
  initial,
  initialQ,
  system,
  application,
  mine,
}: {
  initial: Page<GroupDto>;
  initialQ: string;
  system?: string;
  application?: string;
  mine?: boolean;
}) {
  const t = useT();
  const endpoint = system && application ? `/api/v1/systems/${system}/applications/${application}/groups` : "/api/v1/groups";
  return (
    <SearchableTable
      endpoint={endpoint}
      initial={initial}
      initialQ={initialQ}
      params={mine ? { mine: "true" } : undefined}
      refetchMs={3000}
      rowKey={(g) => `${g.system}/${g.application}/${g.name}`}
      empty={t("groups.none")}
      columns={[
        {
          header: t("common.name"),
          cell: ({ row: { original: g } }) => (
            <Link className="link font-medium" href={`/systems/${g.system}/applications/${g.application}/groups/${g.name}`}>
              {g.name}
            </Link>
          ),
        },
        ...(application
          ? []
          : [{ header: t("groups.application"), cell: ({ row: { original: g } }: { row: { original: GroupDto } }) => `${g.system}/${g.application}` }]),
        { header: t("groups.dataCentre"), cell: ({ row: { original: g } }) => `${g.dataCentre} · ${g.cluster}` },
        { header: t("groups.image"), cell: ({ row: { original: g } }) => <code className="text-xs">{g.imageTag}</code> },
        { header: t("groups.ready"), cell: ({ row: { original: g } }) => `${g.readyReplicas}/${g.replicas}` },
        { header: t("groups.phase"), cell: ({ row: { original: g } }) => <GroupPhase phase={g.phase} /> },
      ]}
    />
  );
}
