"use client";
// A system's registry access: per data centre where it has a quota, the Harbor host and project and
// its robots; developers make, rotate and delete push robots. A new secret is shown once, in a dialog
// with a copy button and a warning, and is kept nowhere (not in the query cache either).
import type { PushRobotSecretDto, RegistryAccessDto } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { type Column, Table } from "@/components/ui/data-table";
import { Field, FormError, useApiMutation } from "@/components/ui/form";
import { SecretDialog } from "@/components/ui/secret-dialog";
import { Time } from "@/components/ui/time";

type Robot = RegistryAccessDto["dataCentres"][number]["robots"][number];

export function RegistryPanel({ system, canWrite }: { system: string; canWrite: boolean }) {
  const t = useT();
  const endpoint = `/api/v1/systems/${system}/registry`;
  const access = useQuery({ queryKey: [endpoint], queryFn: () => apiFetch<RegistryAccessDto>(endpoint) });
  const [secret, setSecret] = useState<PushRobotSecretDto | null>(null);
  const shown = useRef<HTMLDialogElement>(null);
  const reveal = (s: PushRobotSecretDto) => {
    setSecret(s);
    shown.current?.showModal();
  };
  const robotColumns = (dataCentre: string): Column<Robot>[] => [
    { accessorKey: "username", header: t("registry.username"), cell: ({ row }) => <span className="font-mono break-all">{row.original.username}</span> },
    { id: "permissions", header: t("registry.permissions"), cell: ({ row }) => row.original.permissions.join(", ") },
    { accessorKey: "createdAt", header: t("common.created"), cell: ({ row }) => <Time at={row.original.createdAt} /> },
    { id: "expires", header: t("registry.expires"), cell: ({ row }) => (row.original.expiresAt ? <Time at={row.original.expiresAt} /> : t("registry.never")) },
    {
      id: "actions",
      header: () => <span className="sr-only">{t("common.actions")}</span>,
      cell: ({ row }) =>
        row.original.managed ? (
          <span className="text-xs text-slate-500">{t("registry.managed")}</span>
        ) : canWrite ? (
          <RobotActions system={system} dataCentre={dataCentre} name={row.original.name} invalidate={endpoint} onSecret={reveal} />
        ) : null,
    },
  ];
  return (
    <section className="card space-y-4" aria-labelledby="registry-title">
      <h2 id="registry-title" className="font-semibold">
        {t("registry.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("registry.help")}</p>
      {access.isError ? <FormError error={access.error} /> : null}
      {access.data?.dataCentres.length === 0 ? <p className="text-sm text-slate-600">{t("registry.none")}</p> : null}
      {access.data?.dataCentres.map((dc) => (
        <div key={dc.dataCentre} className="space-y-2 border-t border-slate-100 pt-3" data-testid={`registry-${dc.dataCentre}`}>
          <h3 className="font-medium">{dc.dataCentre}</h3>
          <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">{t("registry.host")}</dt>
            <dd className="font-mono">{dc.registry}</dd>
            <dt className="text-slate-500">{t("registry.project")}</dt>
            <dd className="font-mono">{dc.project}</dd>
          </dl>
          {dc.unavailable ? (
            <p role="status" className="text-sm text-amber-700">
              {t("registry.unavailable", { dataCentre: dc.dataCentre })}
            </p>
          ) : dc.robots.length === 0 ? (
            <p className="text-sm text-slate-600">{t("registry.noRobots")}</p>
          ) : (
            <Table columns={robotColumns(dc.dataCentre)} rows={dc.robots} rowKey={(r) => r.username} label={`${t("registry.robots")} ${dc.dataCentre}`} />
          )}
          {canWrite && !dc.unavailable ? <NewRobotForm system={system} dataCentre={dc.dataCentre} invalidate={endpoint} onSecret={reveal} /> : null}
        </div>
      ))}
      <SecretDialog
        ref={shown}
        secret={secret?.secret ?? null}
        title={secret ? t("registry.secretTitle", { username: secret.username }) : ""}
        warning={t("registry.secretWarning")}
        closeLabel={t("registry.close")}
        onClose={() => setSecret(null)}
        testId="robot-secret"
      >
        <p className="text-sm text-slate-600">{t("registry.login")}</p>
        <code className="block rounded bg-slate-100 p-2 text-xs break-all">{`docker login ${secret?.registry} -u '${secret?.username}'`}</code>
      </SecretDialog>
    </section>
  );
}

function NewRobotForm({
  system,
  dataCentre,
  invalidate,
  onSecret,
}: {
  system: string;
  dataCentre: string;
  invalidate: string;
  onSecret: (s: PushRobotSecretDto) => void;
}) {
  const t = useT();
  const create = useApiMutation(
    (name: string) => apiFetch<PushRobotSecretDto>(`/api/v1/systems/${system}/registry/robots`, { method: "POST", body: { dataCentre, name } }),
    { invalidate: [invalidate], onSuccess: onSecret },
  );
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        create.mutate(String(new FormData(form).get("name")), { onSuccess: () => form.reset() });
      }}
    >
      <div className="min-w-48 flex-1">
        <Field label={t("registry.robotName")} hint={t("registry.robotNameHint")} error={create.fields.name}>
          {(p) => <input {...p} name="name" className="input" required maxLength={64} pattern="[a-z0-9]+([._\-][a-z0-9]+)*" />}
        </Field>
      </div>
      <button type="submit" className="btn-secondary" disabled={create.isPending}>
        {t("registry.create")}
      </button>
      {create.error && !create.fields.name ? (
        <div className="w-full">
          <FormError error={create.error} />
        </div>
      ) : null}
    </form>
  );
}

function RobotActions({
  system,
  dataCentre,
  name,
  invalidate,
  onSecret,
}: {
  system: string;
  dataCentre: string;
  name: string;
  invalidate: string;
  onSecret: (s: PushRobotSecretDto) => void;
}) {
  const t = useT();
  const url = `/api/v1/systems/${system}/registry/robots/${dataCentre}/${name}`;
  return (
    <span className="inline-flex gap-3">
      <ConfirmAction
        label={t("registry.rotate")}
        triggerClass="link"
        title={t("registry.rotateTitle", { name, dataCentre })}
        message={t("registry.rotateHelp")}
        pendingLabel={t("registry.rotating")}
        onConfirm={() => apiFetch<PushRobotSecretDto>(`${url}/rotate`, { method: "POST" }).then(onSecret)}
        invalidate={[invalidate]}
      />
      <ConfirmAction
        label={t("common.delete")}
        triggerClass="link text-red-700"
        danger
        title={t("registry.deleteTitle", { name, dataCentre })}
        message={t("registry.deleteHelp")}
        pendingLabel={t("common.deleting")}
        onConfirm={() => apiFetch(url, { method: "DELETE" })}
        invalidate={[invalidate]}
      />
    </span>
  );
}
