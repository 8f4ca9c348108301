"use client";
// Quota requests: ask for more (developers of a system), and decide (department admins; platform
// admins once a request goes beyond the department's quota). Lists refresh while the page is open.
import { formatCpu, formatMemory } from "@capstan/domain";
import type { ApiPage, QuotaRequestDto } from "@capstan/domain";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, useApiMutation } from "@/components/ui/form";
import { DataTable, usePagedList } from "@/components/ui/paged-list";
import { amountsText } from "@/components/quotas/amounts";

const ENDPOINT = "/api/v1/quota-requests";

/** What the form starts with: from the page's query, e.g. a quota refusal's "Ask for more quota" link (quotas/ask-for-quota-link.tsx). */
type Prefill = Partial<Record<"system" | "dataCentre" | "cpu" | "memory" | "gpu" | "instances", string>>;
const initial = (v: string | undefined) => (typeof v === "string" && v !== "0" && v !== "0m" && v !== "0Mi" ? v : undefined);

export function AskForQuota({ systems, dataCentres, prefill = {} }: { systems: string[]; dataCentres: string[]; prefill?: Prefill }) {
  const t = useT();
  const [sent, setSent] = useState(false);
  const ask = useApiMutation((body: object) => apiFetch(ENDPOINT, { method: "POST", body }), { invalidate: [ENDPOINT], onSuccess: () => setSent(true) });
  return (
    <form
      className="card grid gap-3 @sm:grid-cols-2"
      aria-labelledby="ask-quota"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        setSent(false);
        ask.mutate({
          system: f.get("system"),
          dataCentre: f.get("dataCentre"),
          cpu: String(f.get("cpu") || "0"),
          memory: String(f.get("memory") || "0"),
          gpu: Number(f.get("gpu") || 0),
          instances: Number(f.get("instances") || 0),
          reason: f.get("reason"),
        });
      }}
    >
      <div className="col-span-full">
        <h3 id="ask-quota" className="font-medium">
          {t("quotas.ask")}
        </h3>
        <p className="text-xs text-slate-500">{t("quotas.askHint")}</p>
      </div>
      <Field label={t("quotas.system")} error={ask.fields.system}>
        {(p) => (
          <select {...p} name="system" className="input" defaultValue={systems.includes(prefill.system ?? "") ? prefill.system : undefined}>
            {systems.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("quotas.dataCentre")} error={ask.fields.dataCentre}>
        {(p) => (
          <select {...p} name="dataCentre" className="input" defaultValue={dataCentres.includes(prefill.dataCentre ?? "") ? prefill.dataCentre : undefined}>
            {dataCentres.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("quotas.cpu")} error={ask.fields.cpu} hint={t("quotas.cpuHint")}>
        {(p) => <input {...p} name="cpu" className="input" placeholder="2" defaultValue={initial(prefill.cpu)} />}
      </Field>
      <Field label={t("quotas.memory")} error={ask.fields.memory} hint={t("quotas.memoryHint")}>
        {(p) => <input {...p} name="memory" className="input" placeholder="4Gi" defaultValue={initial(prefill.memory)} />}
      </Field>
      <Field label={t("quotas.gpu")} error={ask.fields.gpu}>
        {(p) => <input {...p} name="gpu" type="number" min={0} className="input" placeholder="0" defaultValue={initial(prefill.gpu)} />}
      </Field>
      <Field label={t("quotas.instances")} error={ask.fields.instances}>
        {(p) => <input {...p} name="instances" type="number" min={0} className="input" placeholder="4" defaultValue={initial(prefill.instances)} />}
      </Field>
      <div className="col-span-full">
        <Field label={t("quotas.reason")} error={ask.fields.reason}>
          {(p) => <textarea {...p} name="reason" rows={2} className="input" />}
        </Field>
      </div>
      <div className="col-span-full flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={ask.isPending}>
          {t("quotas.submit")}
        </button>
        {sent ? (
          <span role="status" className="text-sm text-emerald-700">
            {t("quotas.saved")}
          </span>
        ) : null}
      </div>
      <div className="col-span-full">
        <FormError error={ask.error} />
      </div>
    </form>
  );
}

function Review({ r }: { r: QuotaRequestDto }) {
  const t = useT();
  const [mode, setMode] = useState<"approve" | "reject" | null>(null);
  const router = useRouter();
  const decide = useApiMutation((body: object) => apiFetch(`${ENDPOINT}/${r.id}/${mode}`, { method: "POST", body }), {
    invalidate: [ENDPOINT],
    // An approval changes the quotas the page's meters were rendered with on the server: render them again.
    onSuccess: () => {
      setMode(null);
      router.refresh();
    },
  });
  if (!r.can.review) return null;
  if (!mode)
    return (
      <div className="flex gap-2">
        <button type="button" className="btn-secondary" onClick={() => setMode("approve")}>
          {t("quotas.approve")}
        </button>
        <button type="button" className="btn-secondary" onClick={() => setMode("reject")}>
          {t("quotas.reject")}
        </button>
      </div>
    );
  return (
    <form
      className="grid min-w-72 gap-2"
      aria-label={t(mode === "approve" ? "quotas.approve" : "quotas.reject")}
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const pick = (k: string, n = false) => (f.get(k) ? { [k]: n ? Number(f.get(k)) : String(f.get(k)) } : {});
        const comment = String(f.get("comment") ?? "");
        decide.mutate(
          mode === "approve"
            ? { ...pick("cpu"), ...pick("memory"), ...pick("gpu", true), ...pick("instances", true), ...(comment ? { comment } : {}), version: r.version }
            : { comment, version: r.version },
        );
      }}
    >
      <p className="text-xs text-slate-500">{t(mode === "approve" ? "quotas.approveHint" : "quotas.rejectHint")}</p>
      {mode === "approve" ? (
        <div className="grid grid-cols-2 gap-2">
          <Field label={t("quotas.cpu")} error={decide.fields.cpu}>
            {(p) => <input {...p} name="cpu" className="input" placeholder={formatCpu(r.asked.cpuMillis)} />}
          </Field>
          <Field label={t("quotas.memory")} error={decide.fields.memory}>
            {(p) => <input {...p} name="memory" className="input" placeholder={formatMemory(r.asked.memoryMiB)} />}
          </Field>
          <Field label={t("quotas.gpu")} error={decide.fields.gpu}>
            {(p) => <input {...p} name="gpu" type="number" min={0} className="input" placeholder={String(r.asked.gpu)} />}
          </Field>
          <Field label={t("quotas.instances")} error={decide.fields.instances}>
            {(p) => <input {...p} name="instances" type="number" min={0} className="input" placeholder={String(r.asked.instances)} />}
          </Field>
        </div>
      ) : null}
      <Field label={t("quotas.comment")} error={decide.fields.comment}>
        {(p) => <input {...p} name="comment" className="input" required={mode === "reject"} />}
      </Field>
      <div className="flex gap-2">
        <button type="submit" className={mode === "approve" ? "btn-primary" : "btn-danger"} disabled={decide.isPending}>
          {t(mode === "approve" ? "quotas.approve" : "quotas.reject")}
        </button>
        <button type="button" className="btn-secondary" onClick={() => setMode(null)}>
          {t("common.cancel")}
        </button>
      </div>
      <FormError error={decide.error} />
    </form>
  );
}

/** Quota requests in tabs: to review (only for those who review: `reviewer`), mine, all they may read. */
export function QuotaRequests({
  initial,
  initialView,
  reviewer,
}: {
  initial: ApiPage<QuotaRequestDto>;
  initialView: "toReview" | "mine" | "all";
  reviewer: boolean;
}) {
  const t = useT();
  const [view, setView] = useState(initialView);
  const list = usePagedList<QuotaRequestDto>({
    endpoint: ENDPOINT,
    initial,
    initialQ: "",
    params: { toReview: view === "toReview" ? "true" : undefined, mine: view === "mine" ? "true" : undefined },
    refetchMs: 5000,
  });
  return (
    <section className="space-y-3" aria-labelledby="quota-requests">
      <div className="flex flex-wrap items-center gap-4">
        <h2 id="quota-requests" className="text-lg font-semibold">
          {t("quotas.requests")}
        </h2>
        <div role="tablist" className="flex gap-1">
          {(reviewer ? (["toReview", "mine", "all"] as const) : (["mine", "all"] as const)).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              className={view === v ? "btn-primary" : "btn-secondary"}
              onClick={() => setView(v)}
            >
              {t(`quotas.${v}`)}
            </button>
          ))}
        </div>
      </div>
      <DataTable
        query={list.query}
        search={list.search}
        onPage={list.setPage}
        rowKey={(r) => r.id}
        empty={t("quotas.noRequests")}
        columns={[
          {
            header: t("quotas.system"),
            cell: ({ row: { original: r } }) => (
              <span className="font-mono text-sm">
                {r.system} · {r.dataCentre}
              </span>
            ),
          },
          {
            header: t("quotas.asked"),
            cell: ({ row: { original: r } }) => (
              <span className="text-sm">
                {amountsText(t, r.asked)}
                <span className="block text-xs text-slate-500">{r.reason}</span>
              </span>
            ),
          },
          {
            header: t("quotas.requester"),
            cell: ({ row: { original: r } }) => (
              <span className="text-sm" title={r.requester}>
                {r.requesterName}
              </span>
            ),
          },
          {
            header: t("quotas.status"),
            cell: ({ row: { original: r } }) => (
              <span className="text-sm">
                {t(`quotas.${r.status}`)}
                {r.status === "PENDING" && r.escalated ? <span className="block text-xs text-amber-700">{t("quotas.escalated")}</span> : null}
                {r.status === "APPROVED" ? (
                  <span className="block text-xs text-slate-600">
                    {t("quotas.approved")}: {amountsText(t, r.approved)}
                  </span>
                ) : null}
                {r.reviewComment ? (
                  <span className="block text-xs text-slate-500">
                    “{r.reviewComment}” — {r.reviewerName}
                  </span>
                ) : null}
              </span>
            ),
          },
          { header: t("quotas.review"), cell: ({ row: { original: r } }) => <Review r={r} /> },
        ]}
      />
    </section>
  );
}
