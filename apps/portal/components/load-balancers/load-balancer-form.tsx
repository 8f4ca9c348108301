"use client";
// Creating a balancer, or changing its settings (docs/load-balancers.md). Every field of the API with
// its default shown; the kind decides the algorithms offered (LOAD_BALANCER_ALGORITHMS), the protocol
// whether HTTP-only settings are offered. The server validates; its 422 is shown beside each field.
import { DEFAULT_ALGORITHM, type GroupDto, LOAD_BALANCER_ALGORITHMS, type LoadBalancerDetail, type LoadBalancerKindName } from "@capstan/domain";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { SaveError } from "@/components/ui/edit-conflict";
import { Field, FormError, formValues, useApiMutation } from "@/components/ui/form";
import { createBody, domainExample, fieldsOfInput, keepEdits, updateBody } from "./form-body";
import { algorithmText } from "./status-badge";

/** The server's reason for a field or any of its items ("domains" or "domains.2"). */
const under = (fields: Record<string, string>, name: string) => fields[name] ?? Object.entries(fields).find(([k]) => k.startsWith(`${name}.`))?.[1];

/** A member being chosen on create: ticked or not, and its weight as typed. */
interface MemberChoice {
  on: boolean;
  weight: string;
}

/**
 * The form. Without `lb` it creates a balancer of `application` (choosing data centre, cluster and the
 * member groups among `groups`, those of the chosen cluster) and opens its page; with `lb` it patches
 * that balancer's settings at its `version` and calls `onSaved`.
 */
export function LoadBalancerForm({
  system,
  application,
  appHealthPath,
  dataCentres = [],
  groups = [],
  lb: current,
  zone: lbZone = null,
  onSaved,
  onReload,
}: {
  system: string;
  application: string;
  /** The application's own health check path, which an empty path on create stands for. */
  appHealthPath?: string | null;
  /** The data centres a balancer may go to, each with its DNS zone (null: none, so no names). */
  dataCentres?: { name: string; displayName: string; clusters: string[]; zone: string | null }[];
  /** On edit, the DNS zone of the balancer's data centre (null: none). */
  zone?: string | null;
  groups?: Pick<GroupDto, "name" | "dataCentre" | "cluster">[];
  lb?: LoadBalancerDetail;
  onSaved?: () => void;
  /** Drops this edit and starts a new one from the balancer's current settings (after a conflict). */
  onReload?: () => void;
}) {
  const t = useT();
  // The page polls the balancer: the edit keeps the settings and version it started from (edit-conflict.tsx).
  const [lb, setLb] = useState(current);
  const formRef = useRef<HTMLFormElement>(null);
  const [version, setVersion] = useState(current?.version ?? 0);
  const router = useRouter();
  const list = `/api/v1/systems/${system}/applications/${application}/load-balancers`;
  const [kind, setKind] = useState<LoadBalancerKindName>(lb?.kind ?? "haproxy");
  const [algorithm, setAlgorithm] = useState(lb?.algorithm ?? DEFAULT_ALGORITHM.haproxy);
  const [protocol, setProtocol] = useState(lb?.protocol ?? "HTTP");
  const [dc, setDc] = useState(dataCentres[0]?.name ?? "");
  const clusters = dataCentres.find((d) => d.name === dc)?.clusters ?? [];
  const [cluster, setCluster] = useState(clusters[0] ?? "");
  const [members, setMembers] = useState<Record<string, MemberChoice>>({});
  // The names' zone: the chosen data centre's on create, the balancer's on edit.
  const zone = lb ? lbZone : (dataCentres.find((d) => d.name === dc)?.zone ?? null);
  const where = lb?.dataCentre ?? dc;
  const [typedName, setTypedName] = useState("");
  const here = groups.filter((g) => g.dataCentre === dc && g.cluster === cluster);
  const save = useApiMutation(
    (body: Record<string, unknown>) =>
      lb ? apiFetch<LoadBalancerDetail>(`${list}/${lb.name}`, { method: "PATCH", body }) : apiFetch<LoadBalancerDetail>(list, { method: "POST", body }),
    {
      invalidate: [list],
      onSuccess: (saved) => (lb ? onSaved?.() : router.push(`/systems/${system}/applications/${application}/load-balancers/${saved.name}`)),
    },
  );
  const f = save.fields;
  const http = protocol === "HTTP";
  const chosen = here.filter((g) => members[g.name]?.on).map((g) => ({ group: g.name, weight: members[g.name]!.weight }));
  return (
    <form
      ref={formRef}
      className="card max-w-2xl space-y-4"
      aria-label={lb ? t("loadBalancers.settingsTitle") : t("loadBalancers.new")}
      // A field changed again loses the reason it was refused for (members' inputs have no name: see there).
      onChange={(e) => {
        const name = (e.target as unknown as { name?: string }).name;
        if (name) save.clearFields(fieldsOfInput(name));
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        save.mutate(lb ? updateBody(v, lb, version) : createBody(v, chosen));
      }}
    >
      {!lb ? (
        <>
          <Field label={t("common.name")} error={f.name} hint={t("common.nameHint")}>
            {(p) => (
              <input
                {...p}
                name="name"
                className="input font-mono"
                required
                maxLength={40}
                autoFocus
                autoComplete="off"
                onChange={(e) => setTypedName(e.target.value.trim())}
              />
            )}
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("groups.dataCentre")} error={f.dataCentre}>
              {(p) => (
                <select
                  {...p}
                  name="dataCentre"
                  className="input"
                  value={dc}
                  onChange={(e) => {
                    setDc(e.target.value);
                    setCluster(dataCentres.find((d) => d.name === e.target.value)?.clusters[0] ?? "");
                  }}
                >
                  {dataCentres.map((d) => (
                    <option key={d.name} value={d.name}>
                      {d.displayName}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t("groups.cluster")} error={f.cluster}>
              {(p) => (
                <select {...p} name="cluster" className="input" value={cluster} onChange={(e) => setCluster(e.target.value)}>
                  {clusters.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t("loadBalancers.kind")} error={f.kind}>
          {(p) => (
            <select
              {...p}
              name="kind"
              className="input"
              value={kind}
              onChange={(e) => {
                const k = e.target.value as LoadBalancerKindName;
                setKind(k);
                // An algorithm of the other kind would be refused: take the new kind's default.
                if (!(LOAD_BALANCER_ALGORITHMS[k] as readonly string[]).includes(algorithm)) setAlgorithm(DEFAULT_ALGORITHM[k]);
              }}
            >
              <option value="haproxy">{t("loadBalancers.haproxy")}</option>
              <option value="nginx">{t("loadBalancers.nginx")}</option>
            </select>
          )}
        </Field>
        <Field label={t("fields.lbAlgorithm")} error={f.algorithm} hint={t("loadBalancers.algorithmHint")}>
          {(p) => (
            <select {...p} name="algorithm" className="input" value={algorithm} onChange={(e) => setAlgorithm(e.target.value)}>
              {LOAD_BALANCER_ALGORITHMS[kind].map((a) => (
                <option key={a} value={a}>
                  {algorithmText(t, a)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("loadBalancers.replicas")} error={f.replicas}>
          {(p) => <input {...p} name="replicas" type="number" min={1} max={20} defaultValue={lb?.replicas ?? 2} className="input" required />}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("applications.protocol")} error={f.protocol}>
          {(p) => (
            <select {...p} name="protocol" className="input" value={protocol} onChange={(e) => setProtocol(e.target.value as "HTTP" | "TCP")}>
              <option value="HTTP">HTTP</option>
              <option value="TCP">TCP</option>
            </select>
          )}
        </Field>
        <Field label={t("applications.port")} error={f.port}>
          {(p) => <input {...p} name="port" type="number" min={1} max={65535} defaultValue={lb?.port ?? 80} className="input" required />}
        </Field>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">{t("loadBalancers.healthCheck")}</legend>
        {http ? (
          <Field
            label={t("fields.healthCheckPath")}
            error={f["healthCheck.path"]}
            hint={lb ? t("loadBalancers.healthPathHintEdit") : t("loadBalancers.healthPathHintCreate")}
          >
            {(p) => (
              <input
                {...p}
                name="healthPath"
                className="input font-mono"
                defaultValue={lb?.healthCheck.path ?? ""}
                placeholder={lb ? "" : (appHealthPath ?? "")}
                autoComplete="off"
              />
            )}
          </Field>
        ) : (
          <p className="text-xs text-slate-500">{t("loadBalancers.healthTcp")}</p>
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("fields.lbHealthInterval")} error={f["healthCheck.intervalSeconds"]}>
            {(p) => (
              <input {...p} name="healthInterval" type="number" min={1} max={300} defaultValue={lb?.healthCheck.intervalSeconds ?? 2} className="input" />
            )}
          </Field>
          <Field label={t("fields.lbHealthRise")} error={f["healthCheck.rise"]}>
            {(p) => <input {...p} name="healthRise" type="number" min={1} max={10} defaultValue={lb?.healthCheck.rise ?? 2} className="input" />}
          </Field>
          <Field label={t("fields.lbHealthFall")} error={f["healthCheck.fall"]}>
            {(p) => <input {...p} name="healthFall" type="number" min={1} max={10} defaultValue={lb?.healthCheck.fall ?? 3} className="input" />}
          </Field>
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">{t("loadBalancers.timeouts")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("fields.lbTimeoutConnect")} error={f["timeouts.connectSeconds"]}>
            {(p) => <input {...p} name="connectSeconds" type="number" min={1} max={3600} defaultValue={lb?.timeouts.connectSeconds ?? 5} className="input" />}
          </Field>
          <Field label={t("fields.lbTimeoutClient")} error={f["timeouts.clientSeconds"]}>
            {(p) => <input {...p} name="clientSeconds" type="number" min={1} max={86400} defaultValue={lb?.timeouts.clientSeconds ?? 30} className="input" />}
          </Field>
          <Field label={t("fields.lbTimeoutServer")} error={f["timeouts.serverSeconds"]}>
            {(p) => <input {...p} name="serverSeconds" type="number" min={1} max={86400} defaultValue={lb?.timeouts.serverSeconds ?? 30} className="input" />}
          </Field>
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        {http ? (
          <Field label={t("fields.lbStickyCookie")} error={f.stickyCookie} hint={t("loadBalancers.stickyCookieHint")}>
            {(p) => (
              <input {...p} name="stickyCookie" className="input font-mono" defaultValue={lb?.stickyCookie ?? ""} placeholder="SERVERID" autoComplete="off" />
            )}
          </Field>
        ) : null}
        <Field label={t("fields.lbMaxConnPerBackend")} error={f.maxConnPerBackend} hint={t("loadBalancers.maxConnHint")}>
          {(p) => <input {...p} name="maxConnPerBackend" type="number" min={1} max={100000} defaultValue={lb?.maxConnPerBackend ?? ""} className="input" />}
        </Field>
      </div>
      {http ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="forwardedFor" defaultChecked={lb?.forwardedFor ?? true} /> {t("loadBalancers.forwardedForHint")}
          {f.forwardedFor ? <span className="text-red-700">{f.forwardedFor}</span> : null}
        </label>
      ) : null}
      <Field
        label={t("fields.lbDomains")}
        error={under(f, "domains")}
        hint={
          zone
            ? t("loadBalancers.domainsHint", { zone, dataCentre: where, example: domainExample(lb?.name ?? typedName, application, zone) })
            : t("loadBalancers.domainsNoZone", { dataCentre: where })
        }
      >
        {(p) => (
          <textarea
            {...p}
            name="domains"
            rows={2}
            className="input font-mono text-xs"
            spellCheck={false}
            defaultValue={lb?.domains.map((d) => d.name).join("\n") ?? ""}
            placeholder={zone ? domainExample(lb?.name ?? typedName, application, zone) : ""}
          />
        )}
      </Field>
      {!lb ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold">{t("fields.lbMembers")}</legend>
          <p className="text-xs text-slate-500">{t("loadBalancers.membersHint")}</p>
          {here.length === 0 ? (
            <p className="text-sm text-slate-600">{t("loadBalancers.noGroupsHere", { where: `${dc} · ${cluster}` })}</p>
          ) : (
            <ul className="space-y-2">
              {here.map((g) => {
                const m = members[g.name] ?? { on: false, weight: "100" };
                const at = chosen.findIndex((c) => c.group === g.name);
                const error = at < 0 ? undefined : under(f, `members.${at}`);
                return (
                  <li key={g.name} className="flex flex-wrap items-center gap-3 text-sm">
                    <label className="flex min-w-40 items-center gap-2">
                      <input
                        type="checkbox"
                        checked={m.on}
                        onChange={(e) => {
                          save.clearFields(["members"]);
                          setMembers({ ...members, [g.name]: { ...m, on: e.target.checked } });
                        }}
                      />
                      <span className="font-mono">{g.name}</span>
                    </label>
                    <label className="flex items-center gap-2">
                      <span className="text-slate-600">{t("loadBalancers.weight")}</span>
                      <input
                        type="number"
                        min={0}
                        max={256}
                        className="input w-24"
                        value={m.weight}
                        disabled={!m.on}
                        aria-invalid={Boolean(error)}
                        aria-label={`${t("loadBalancers.weight")} ${g.name}`}
                        onChange={(e) => {
                          if (at >= 0) save.clearFields([`members.${at}`]);
                          setMembers({ ...members, [g.name]: { ...m, weight: e.target.value } });
                        }}
                      />
                    </label>
                    {error ? <span className="text-red-700">{error}</span> : null}
                  </li>
                );
              })}
            </ul>
          )}
          {under(f, "members") && chosen.every((_, i) => !under(f, `members.${i}`)) ? <p className="text-sm text-red-700">{under(f, "members")}</p> : null}
        </fieldset>
      ) : null}
      {lb ? (
        <SaveError
          error={save.error}
          onReload={() => onReload?.()}
          onKeep={() => {
            // Keep the typed changes on top of theirs: the other inputs show their values, and the next Save
            // sends the typed changes (only those) at the current version.
            const form = formRef.current!;
            void apiFetch<LoadBalancerDetail>(`${list}/${lb.name}`).then((now) => {
              const inputs = [...form.elements].filter(
                (el): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement =>
                  (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) && el.name !== "",
              );
              const shown = new Set(inputs.map((el) => el.name));
              const merged = keepEdits(formValues(form), shown, lb, now);
              for (const el of inputs) {
                if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = merged[el.name] === "on";
                else el.value = merged[el.name] ?? "";
              }
              setKind(merged.kind as LoadBalancerKindName);
              setAlgorithm(merged.algorithm!);
              setProtocol(merged.protocol as "HTTP" | "TCP");
              setLb(now);
              setVersion(now.version);
              save.reset();
            });
          }}
        />
      ) : (
        <FormError error={save.error} />
      )}
      <button type="submit" className="btn-primary" disabled={save.isPending}>
        {save.isPending ? t("common.saving") : lb ? t("common.save") : t("common.create")}
      </button>
    </form>
  );
}
