"use client";
// A group, live: status and pods refresh every two seconds while the page is open; scale, roll out an
// image and delete go through the REST API.
import { useQuery } from "@tanstack/react-query";
import type { GroupDto } from "@capstan/usecases";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmDelete } from "./confirm-delete";
import { Field, FormError, useApiMutation } from "./form";
import { GroupPhase } from "./group-phase";
import { Table } from "./paged-list";

type Pod = { name: string; node: string | null; phase: string; ready: boolean; ip: string | null; restarts: number; reason: string | null; message: string | null };
type Warning = { kind: string; name: string; reason: string; message: string; count: number; lastAt: string };
export type GroupDetailData = GroupDto & { pods: Pod[]; events: Warning[]; can: { write: boolean } };

export function GroupDetail({ initial }: { initial: GroupDetailData }) {
  const t = useT();
  const router = useRouter();
  const url = `/api/v1/systems/${initial.system}/applications/${initial.application}/groups/${initial.name}`;
  const { data: g } = useQuery({ queryKey: [url], queryFn: () => apiFetch<GroupDetailData>(url), initialData: initial, refetchInterval: 2000 });
  const scale = useApiMutation((replicas: number) => apiFetch(`${url}/scale`, { method: "POST", body: { replicas } }), { invalidate: [url] });
  const rollout = useApiMutation((imageTag: string) => apiFetch(url, { method: "PATCH", body: { imageTag, version: g.version } }), { invalidate: [url] });
  const facts: [string, React.ReactNode][] = [
    [t("groups.phase"), <GroupPhase key="p" phase={g.phase} />],
    [t("groups.ready"), `${g.readyReplicas}/${g.replicas}`],
    [t("groups.image"), <code key="i">{g.imageTag}</code>],
    [t("groups.dataCentre"), `${g.dataCentre} · ${g.cluster}`],
    [t("groups.cpu"), `${g.cpu} · ${t(`groups.${g.cpuMode}`)}`],
    [t("groups.memory"), g.memory],
    [t("groups.zone"), `${g.zone}${g.resourceLabels.length ? ` · ${g.resourceLabels.join(", ")}` : ""}`],
    [t("groups.revision"), `${g.revision} · ${t("groups.generation")} ${g.observedGeneration}/${g.generation}${g.observedGeneration < g.generation ? ` (${t("groups.pendingApply")})` : ""}`],
  ];
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <dl className="card grid grid-cols-[9rem_1fr] gap-x-4 gap-y-2 text-sm" aria-live="polite">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
          {g.lastError ? <dd className="col-span-2 text-red-700">{g.lastError}</dd> : null}
        </dl>
        {g.can.write && !g.deleting ? (
          <div className="card space-y-4">
            <form
              className="flex items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                scale.mutate(Number(new FormData(e.currentTarget).get("replicas")));
              }}
            >
              <div className="flex-1">
                <Field label={t("groups.replicas")} error={scale.fields.replicas}>
                  {(p) => <input {...p} name="replicas" type="number" min={0} max={500} defaultValue={g.replicas} className="input" />}
                </Field>
              </div>
              <button type="submit" className="btn-secondary" disabled={scale.isPending}>{t("groups.scale")}</button>
            </form>
            <form
              className="flex items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                rollout.mutate(String(new FormData(e.currentTarget).get("imageTag")));
              }}
            >
              <div className="flex-1">
                <Field label={t("groups.changeImage")} error={rollout.fields.imageTag}>
                  {(p) => <input {...p} name="imageTag" className="input font-mono" defaultValue={g.imageTag} />}
                </Field>
              </div>
              <button type="submit" className="btn-secondary" disabled={rollout.isPending}>{t("groups.rollout")}</button>
            </form>
            <FormError error={scale.fields.replicas ? null : (scale.error ?? (rollout.fields.imageTag ? null : rollout.error))} />
            <ConfirmDelete name={g.name} label={t("common.delete")} onDelete={() => apiFetch(url, { method: "DELETE" })} onDone={() => router.push(`/systems/${g.system}/applications/${g.application}`)} />
          </div>
        ) : null}
      </div>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("groups.pods")} ({g.pods.length})</h2>
        {g.pods.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("groups.noPods")}</p>
        ) : (
          <Table
            rows={g.pods}
            rowKey={(p) => p.name}
            columns={[
              { header: t("groups.pod"), cell: (p) => <span className="font-mono text-xs">{p.name}</span> },
              { header: t("groups.phase"), cell: (p) => p.phase },
              { header: t("groups.ready"), cell: (p) => (p.ready ? "✓" : "—") },
              { header: t("groups.node"), cell: (p) => <span className="font-mono text-xs">{p.node ?? "—"}</span> },
              { header: t("groups.ip"), cell: (p) => <span className="font-mono text-xs">{p.ip ?? "—"}</span> },
              { header: t("groups.restarts"), cell: (p) => p.restarts },
              { header: t("groups.why"), cell: (p) => <span className="block max-w-md text-xs text-red-700">{p.reason ? `${p.reason}: ${p.message ?? ""}` : ""}</span> },
            ]}
          />
        )}
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("groups.warnings")}</h2>
        {g.events.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("groups.noWarnings")}</p>
        ) : (
          <Table
            rows={g.events}
            rowKey={(e) => `${e.kind}/${e.name}/${e.reason}/${e.lastAt}`}
            columns={[
              { header: t("groups.lastSeen"), cell: (e) => <time dateTime={e.lastAt} suppressHydrationWarning>{new Date(e.lastAt).toLocaleTimeString()}</time> },
              { header: t("groups.object"), cell: (e) => <span className="font-mono text-xs">{`${e.kind}/${e.name}`}</span> },
              { header: t("groups.reason"), cell: (e) => `${e.reason}${e.count > 1 ? ` ×${e.count}` : ""}` },
              { header: t("groups.message"), cell: (e) => <span className="block max-w-xl text-xs text-red-700">{e.message}</span> },
            ]}
          />
        )}
      </section>
    </div>
  );
}
