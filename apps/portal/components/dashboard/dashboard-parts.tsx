// Pieces the dashboard's sections share (role-sections.tsx on the server, ops-section.tsx in the browser):
// no "use client", so each side renders them as its own.
import type { OpsDashboard } from "@capstan/domain";
import Link from "next/link";
import { probeFailureText } from "@/components/data-centres/probe-failure";
import { Time } from "@/components/ui/time";
import type { Translate } from "@/messages";

/** A group's page from its system, application and name. */
export const groupHref = (g: { system: string; application: string; group: string }) => `/systems/${g.system}/applications/${g.application}/groups/${g.group}`;

/** A card with a heading, a count, and either its rows or the empty state ("nothing needs you"). */
export function Card({ id, title, count, empty, children }: { id: string; title: string; count?: number; empty: string | null; children?: React.ReactNode }) {
  return (
    <section className="card space-y-2" aria-labelledby={id}>
      <h3 id={id} className="flex items-center justify-between gap-2 font-semibold">
        {title}
        {count !== undefined ? (
          <span className={`rounded-full px-2 text-sm ${count > 0 ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-600"}`}>{count}</span>
        ) : null}
      </h3>
      {empty !== null ? <p className="text-sm text-slate-600">{empty}</p> : children}
    </section>
  );
}

/** One role's section: its heading and its cards side by side on wide screens. */
export function Role({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3" aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="grid gap-4 lg:grid-cols-3">{children}</div>
    </section>
  );
}

/** The class of a card's list. */
export const rows = "divide-y divide-slate-100 text-sm";

/** Clusters with their last probe: status, last error, last contact. */
export function ClusterList({ clusters, t }: { clusters: OpsDashboard["unhealthyClusters"]; t: Translate }) {
  return (
    <ul className={rows}>
      {clusters.map((c) => (
        <li key={c.name} className="space-y-0.5 py-1.5">
          <div className="flex justify-between gap-2">
            <Link className="link" href={`/data-centres/${c.dataCentre}`}>
              {c.name}
            </Link>
            <span className={`text-xs ${c.status === "HEALTHY" ? "text-emerald-700" : "text-amber-800"}`}>{t(`fleet.${c.status}`)}</span>
          </div>
          {c.lastError ? <div className="text-xs break-all text-slate-600">{probeFailureText(t, c)}</div> : null}
          {c.lastContactAt ? (
            <div className="text-xs text-slate-500">
              {t("fleet.lastContact")}: <Time at={c.lastContactAt} relative />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Quota requests, oldest first, each linking to itself on the Quotas page with how long it has waited. */
export function RequestList({ requests, t }: { requests: { id: string; requester: string; system: string; dataCentre: string; at: string }[]; t: Translate }) {
  return (
    <ul className={rows}>
      {requests.map((r) => (
        <li key={r.id} className="flex flex-wrap justify-between gap-2 py-1.5">
          <Link className="link" href={`/quotas?request=${r.id}`}>
            {t("dashboard.requestLine", { requester: r.requester, system: r.system, dataCentre: r.dataCentre })}
          </Link>
          <span className="text-xs text-slate-500">
            <Time at={r.at} relative />
          </span>
        </li>
      ))}
    </ul>
  );
}
