"use client";
// One balancer, live (docs/load-balancers.md): its status and settings, members with weights and shares,
// pods with in/out, live stats, domain names, the generated configuration, its history and its events. Refreshed
// every 3 s while the page is open; changes go through the REST API.
import type { LoadBalancerDetail as Detail } from "@capstan/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { EventsTimeline } from "@/components/events/events-timeline";
import { CopyButton } from "@/components/ui/copy-button";
import { reconcileReasonText } from "@/components/ui/reconcile-failure";
import { Time } from "@/components/ui/time";
import { LbHistory } from "./lb-history";
import { LiveStats } from "./live-stats";
import { LoadBalancerForm } from "./load-balancer-form";
import { MembersEditor } from "./members-editor";
import { PodsTable } from "./pods-table";
import { algorithmText, LbStatusBadge } from "./status-badge";

/** The balancer's API address. */
export const lbUrl = (lb: Pick<Detail, "system" | "application" | "name">) =>
  `/api/v1/systems/${lb.system}/applications/${lb.application}/load-balancers/${lb.name}`;

/** `zone`: the DNS zone of the balancer's data centre (null: none). */
export function LoadBalancerDetail({ initial, zone }: { initial: Detail; zone: string | null }) {
  const t = useT();
  const url = lbUrl(initial);
  const { data: lb } = useQuery({ queryKey: [url], queryFn: () => apiFetch<Detail>(url), initialData: initial, refetchInterval: 3000 });
  const [editing, setEditing] = useState(false);
  // Bumped to start the settings form afresh from the current balancer (its "Reload" after a conflict).
  const [formKey, setFormKey] = useState(0);
  const client = useQueryClient();
  const canWrite = lb.can.write && !lb.deleting;
  const facts: [string, React.ReactNode][] = [
    [t("loadBalancers.status"), <LbStatusBadge key="s" lb={lb} />],
    [t("loadBalancers.kind"), t(`loadBalancers.${lb.kind}`)],
    [t("loadBalancers.algorithm"), algorithmText(t, lb.algorithm)],
    [t("loadBalancers.listenOn"), `${lb.protocol} ${lb.port}`],
    [t("loadBalancers.where"), `${lb.dataCentre} · ${lb.cluster}`],
    [t("loadBalancers.readyWanted"), `${lb.readyReplicas}/${lb.replicas}`],
    [
      t("loadBalancers.generation"),
      lb.observedGeneration < lb.generation
        ? t("loadBalancers.applying", { generation: lb.generation, observed: lb.observedGeneration })
        : t("loadBalancers.applied", { generation: lb.generation }),
    ],
    [t("loadBalancers.healthCheck"), `${lb.healthCheck.path ?? "TCP"} · ${lb.healthCheck.intervalSeconds} s · ${lb.healthCheck.rise}/${lb.healthCheck.fall}`],
    [t("loadBalancers.timeouts"), `${lb.timeouts.connectSeconds} / ${lb.timeouts.clientSeconds} / ${lb.timeouts.serverSeconds}`],
    [t("fields.lbStickyCookie"), lb.stickyCookie ? <code key="c">{lb.stickyCookie}</code> : "—"],
    [t("fields.lbForwardedFor"), lb.protocol === "HTTP" ? (lb.forwardedFor ? "✓" : "—") : t("loadBalancers.httpOnly")],
    [t("fields.lbMaxConnPerBackend"), lb.maxConnPerBackend ?? "—"],
  ];
  return (
    <div className="space-y-6">
      {lb.deleting ? (
        <p role="status" className="card text-sm text-slate-700">
          {t("loadBalancers.deleting")}
        </p>
      ) : null}
      {lb.warnings.length ? (
        <ul role="status" aria-label={t("loadBalancers.status")} className="card space-y-1 border-amber-300 bg-amber-50 text-sm text-amber-900">
          {lb.warnings.map((w) => (
            <li key={w}>⚠ {t(`loadBalancers.warning_${w}`)}</li>
          ))}
        </ul>
      ) : null}
      <section className="space-y-2" aria-labelledby="lb-settings">
        <h2 id="lb-settings" className="text-lg font-semibold">
          {t("loadBalancers.settingsTitle")}
        </h2>
        {editing && canWrite ? (
          <div className="space-y-2">
            <LoadBalancerForm
              key={formKey}
              system={lb.system}
              application={lb.application}
              lb={lb}
              zone={zone}
              onSaved={() => setEditing(false)}
              onReload={() => void client.refetchQueries({ queryKey: [url] }).then(() => setFormKey((k) => k + 1))}
            />
            <button type="button" className="link text-sm" onClick={() => setEditing(false)}>
              {t("common.cancel")}
            </button>
          </div>
        ) : (
          <div className="card space-y-3">
            <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm" aria-live="polite">
              {facts.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-slate-500">{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
              {lb.lastError ? <dd className="col-span-2 text-red-700">{lb.lastError}</dd> : null}
              {lb.lastErrorReason && lb.lastErrorAt ? (
                <dd className="col-span-2 text-xs text-red-700">
                  {t("common.reconcileFailure", { reason: reconcileReasonText(t, lb.lastErrorReason), attempts: lb.failedAttempts })}{" "}
                  <Time at={lb.lastErrorAt} />
                </dd>
              ) : null}
            </dl>
            {canWrite ? (
              <button type="button" className="btn-secondary" onClick={() => setEditing(true)}>
                {t("common.edit")}
              </button>
            ) : null}
          </div>
        )}
      </section>
      <MembersEditor lb={lb} url={url} />
      <PodsTable lb={lb} url={url} />
      <LiveStats lb={lb} url={url} />
      <section className="space-y-2" aria-labelledby="lb-domains">
        <h2 id="lb-domains" className="text-lg font-semibold">
          {t("loadBalancers.domainsTitle")}
        </h2>
        {lb.domains.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("loadBalancers.domainsNone")}</p>
        ) : (
          <ul className="card space-y-1 text-sm">
            {lb.domains.map((d) => (
              <li key={d.name} className="flex flex-wrap items-center gap-x-3">
                <code>{d.name}</code>
                {lb.dnsWaiting === "service_address" && !d.published ? (
                  <span className="text-xs text-amber-800">{t("loadBalancers.dnsWaitingServiceAddress")}</span>
                ) : d.published === null ? (
                  <span className="text-xs text-slate-500">{t("loadBalancers.notChecked")}</span>
                ) : d.published ? (
                  <span className="text-xs text-emerald-800">✓ {t("loadBalancers.published")}</span>
                ) : (
                  <span className="text-xs text-amber-800">{t("loadBalancers.unpublished")}</span>
                )}
              </li>
            ))}
          </ul>
        )}
        {lb.dnsFailure ? (
          <div role="alert" className="card space-y-1 border-red-300 bg-red-50 text-sm text-red-800">
            <p>
              {t("loadBalancers.dnsFailing")} {lb.dnsFailure.lastError}
            </p>
            {lb.dnsFailure.lastErrorReason && lb.dnsFailure.lastErrorAt ? (
              <p className="text-xs">
                {t("common.reconcileFailure", { reason: reconcileReasonText(t, lb.dnsFailure.lastErrorReason), attempts: lb.dnsFailure.failedAttempts })}{" "}
                <Time at={lb.dnsFailure.lastErrorAt} />
              </p>
            ) : null}
          </div>
        ) : null}
      </section>
      <section className="space-y-2" aria-labelledby="lb-config">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="lb-config" className="text-lg font-semibold">
            {t("loadBalancers.configTitle")}
          </h2>
          <CopyButton text={lb.configuration.text} label={t("loadBalancers.configTitle")} />
        </div>
        <p className="text-xs text-slate-500">{t("loadBalancers.configHelp", { file: lb.configuration.file })}</p>
        <pre
          className="max-h-96 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs"
          tabIndex={0}
          aria-label={`${t("loadBalancers.configTitle")}: ${lb.configuration.file}`}
        >
          {lb.configuration.text}
        </pre>
      </section>
      <LbHistory lb={lb} url={url} />
      <EventsTimeline endpoint={`${url}/events`} help={t("loadBalancers.eventsHelp")} />
    </div>
  );
}
