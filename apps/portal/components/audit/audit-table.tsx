"use client";
import type { AuditEventDto } from "@capstan/domain";
import { useState } from "react";
import { useT } from "@/lib/client/i18n";
import { DataTable, type Page, SearchBox, usePagedList } from "@/components/ui/paged-list";
import { Time } from "@/components/ui/time";
import { ActivityItem } from "./activity-item";

export function AuditTable({ initial, departments }: { initial: Page<AuditEventDto>; departments: { name: string; displayName: string }[] }) {
  const t = useT();
  const [department, setDepartment] = useState("");
  const [action, setAction] = useState("");
  const list = usePagedList({ endpoint: "/api/v1/audit", initial, initialQ: "", params: { department, action } });
  return (
    <section className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <SearchBox value={list.q} onChange={list.onSearch} />
        <label className="text-sm">
          <span className="sr-only">{t("common.department")}</span>
          <select className="input" value={department} onChange={(e) => (setDepartment(e.target.value), list.setPage(1))}>
            <option value="">{t("audit.allDepartments")}</option>
            {departments.map((d) => (
              <option key={d.name} value={d.name}>
                {d.displayName}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="sr-only">{t("audit.filterAction")}</span>
          <input className="input" placeholder={t("audit.filterAction")} value={action} onChange={(e) => (setAction(e.target.value), list.setPage(1))} />
        </label>
      </div>
      <DataTable
        query={list.query}
        search={list.search}
        onPage={list.setPage}
        rowKey={(e) => e.id}
        columns={[
          {
            header: t("audit.at"),
            cell: ({ row: { original: e } }) => <Time at={e.at} seconds />,
          },
          // People by name (the e-mail, which identifies them, on hover); the worker or CLI by what it is.
          { header: t("audit.actor"), cell: ({ row: { original: e } }) => <span title={e.actor}>{e.actorName ?? e.actor}</span> },
          { header: t("audit.what"), cell: ({ row: { original: e } }) => <ActivityItem event={e} /> },
          { header: t("audit.action"), cell: ({ row: { original: e } }) => <code className="text-xs">{e.action}</code> },
          { header: t("audit.target"), cell: ({ row: { original: e } }) => `${e.targetType} ${e.targetId}` },
          {
            header: t("audit.changes"),
            cell: ({ row: { original: e } }) =>
              e.before || e.after ? (
                <details>
                  <summary className="cursor-pointer text-sky-700">JSON</summary>
                  <div className="grid max-w-xl gap-2 text-xs sm:grid-cols-2">
                    {e.before ? (
                      <pre className="overflow-auto rounded bg-slate-100 p-2">
                        <b>{t("audit.before")}</b>
                        {"\n"}
                        {JSON.stringify(e.before, null, 2)}
                      </pre>
                    ) : null}
                    {e.after ? (
                      <pre className="overflow-auto rounded bg-slate-100 p-2">
                        <b>{t("audit.after")}</b>
                        {"\n"}
                        {JSON.stringify(e.after, null, 2)}
                      </pre>
                    ) : null}
                  </div>
                </details>
              ) : null,
          },
        ]}
      />
    </section>
  );
}
