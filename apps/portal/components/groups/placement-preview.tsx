"use client";
// The server's answer to "where would this group go?": per cluster, matching online nodes, their free
// capacity and how many replicas fit; the system's quota headroom; label-policy conflicts.
import { type PlacementPreviewResult, placementVerdict, readableCpu, readableMemory, RESOURCE_NAMES } from "@capstan/domain";
import { useReasonedText, useT } from "@/lib/client/i18n";
import { Table } from "@/components/ui/paged-list";
import { QuotaMeter } from "@/components/quotas/quota-meter";

export function PlacementPreviewPanel({ preview: p }: { preview: PlacementPreviewResult }) {
  const t = useT();
  const reasoned = useReasonedText();
  return (
    <section
      aria-labelledby="placement-preview"
      className={`space-y-3 rounded-md border p-3 ${p.ok ? "border-emerald-300 bg-emerald-50" : "border-amber-300 bg-amber-50"}`}
    >
      <h3 id="placement-preview" className="font-medium">
        {t("groups.previewTitle")}
      </h3>
      <p role="status" className="text-sm">
        {verdict(t, p)}
      </p>
      <Table
        rows={p.clusters}
        rowKey={(c) => c.name}
        columns={[
          {
            header: t("groups.cluster"),
            cell: ({ row: { original: c } }) => (
              <span className="font-mono text-xs">
                {c.name}
                {c.name === p.cluster ? " ✓" : ""}
              </span>
            ),
          },
          { header: t("groups.matchingNodes"), cell: ({ row: { original: c } }) => c.matchingNodes },
          {
            header: t("groups.freeCapacity"),
            cell: ({ row: { original: c } }) => `${readableCpu(c.free.cpuMillis)} CPU · ${readableMemory(c.free.memoryMiB)} · ${c.free.gpu} GPU`,
          },
          { header: t("groups.replicasThatFit"), cell: ({ row: { original: c } }) => c.replicasThatFit },
        ]}
      />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {RESOURCE_NAMES.map((r) => (
          <QuotaMeter key={r} resource={r} used={p.quota.used[r]} limit={p.quota.quota[r]} />
        ))}
      </div>
      {p.overQuota.length ? (
        <p className="text-sm text-red-700">
          {t("groups.previewOverQuota")} {p.overQuota.map(reasoned).join("; ")}
        </p>
      ) : null}
      {p.conflicts.map((c) => (
        <p key={c.message} className="text-sm text-red-700">
          {reasoned(c)}
        </p>
      ))}
    </section>
  );
}

/** The first line: that the group fits, or the one thing that stops it (placementVerdict). */
function verdict(t: ReturnType<typeof useT>, p: PlacementPreviewResult): string {
  const cluster = p.cluster ?? "—";
  switch (placementVerdict(p)) {
    case "ok":
      return t("groups.previewOk", { replicas: p.replicas, cluster });
    case "quota":
      return t("groups.previewQuota", { dataCentre: p.dataCentre });
    case "capacity":
      return t("groups.previewShort", { fit: p.replicasThatFit, replicas: p.replicas, cluster });
    case "noCluster":
      return t("groups.previewNoCluster", { dataCentre: p.dataCentre });
    case "policy":
      return t("groups.previewPolicy");
  }
}
