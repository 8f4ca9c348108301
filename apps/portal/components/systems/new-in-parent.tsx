"use client";
// "New application" and "New group" on the lists of every system's applications and groups: creating
// needs a parent, so the button opens a picker of the systems the actor may write in (the API's
// `writable=true`, the domain's systemWriteScope) and, for a group, of that system's applications, then
// goes on to the parent's create page.
import type { ApiPage, ApplicationDto, SystemDto } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ModalForm } from "@/components/ui/modal-form";
import { useDebounced } from "@/components/ui/paged-list";

/** How many matches the picker lists; a search narrows the rest. */
const SHOWN = 50;

/** The create page of a `kind` under the chosen parent, or undefined until the parent is complete. */
function createHref(kind: "application" | "group", system: string, application: string): string | undefined {
  if (!system) return undefined;
  if (kind === "application") return `/systems/${system}/applications/new`;
  return application ? `/systems/${system}/applications/${application}/groups/new` : undefined;
}

/** A labelled listbox of names (a native <select>, so the keyboard works as everywhere), with its own empty text. */
function Choice({
  label,
  items,
  value,
  onChange,
  empty,
  more,
}: {
  label: string;
  items: { name: string; displayName: string }[] | undefined;
  value: string;
  onChange: (v: string) => void;
  empty: React.ReactNode;
  more?: string;
}) {
  const id = useId();
  const t = useT();
  if (items === undefined) return <p className="text-sm text-slate-500">{t("shell.loading")}</p>;
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} className="input" size={Math.max(2, Math.min(8, items.length))} value={value} onChange={(e) => onChange(e.target.value)}>
        {items.map((i) => (
          <option key={i.name} value={i.name}>
            {i.displayName && i.displayName !== i.name ? `${i.name} — ${i.displayName}` : i.name}
          </option>
        ))}
      </select>
      {more ? <p className="text-xs text-slate-500">{more}</p> : null}
    </div>
  );
}

/**
 * The "New …" button of the applications list (`kind` "application": pick a system) or of the groups list
 * ("group": pick a system, then one of its applications). Pages render it only where the actor may create
 * somewhere (docs/lists.md).
 */
export function NewInParent({ kind, label }: { kind: "application" | "group"; label: string }) {
  const t = useT();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(false);
  const [q, setQ] = useState("");
  const search = useDebounced(q.trim(), 250);
  const [system, setSystem] = useState("");
  const [application, setApplication] = useState("");
  const systems = useQuery({
    queryKey: ["/api/v1/systems", "writable", search],
    queryFn: () =>
      apiFetch<ApiPage<SystemDto>>(`/api/v1/systems?${new URLSearchParams({ writable: "true", pageSize: String(SHOWN), ...(search ? { q: search } : {}) })}`),
    enabled: opened,
  });
  // The first match is chosen until the user picks another, so Enter after a search goes on at once.
  const chosenSystem = systems.data?.items.some((s) => s.name === system) ? system : (systems.data?.items[0]?.name ?? "");
  const applications = useQuery({
    queryKey: ["/api/v1/applications", "writable", chosenSystem],
    queryFn: () =>
      apiFetch<ApiPage<ApplicationDto>>(`/api/v1/applications?${new URLSearchParams({ system: chosenSystem, writable: "true", pageSize: "100" })}`),
    enabled: opened && kind === "group" && chosenSystem !== "",
  });
  const chosenApplication = applications.data?.items.some((a) => a.name === application) ? application : (applications.data?.items[0]?.name ?? "");
  const href = createHref(kind, chosenSystem, kind === "group" ? chosenApplication : "");
  const error = systems.error ?? applications.error;
  return (
    <ModalForm
      dialog={dialog}
      trigger={label}
      triggerClass="btn-primary"
      title={t(kind === "application" ? "picker.applicationTitle" : "picker.groupTitle")}
      error={error}
      onOpen={() => setOpened(true)}
      onSubmit={() => {
        if (href) router.push(href);
      }}
      submit={
        <button type="submit" className="btn-primary" disabled={!href}>
          {t("picker.continue")}
        </button>
      }
    >
      <label className="block">
        <span className="block text-sm font-medium text-slate-700">{t("picker.findSystem")}</span>
        <input type="search" className="input" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <Choice
        label={t("picker.system")}
        items={systems.data?.items}
        value={chosenSystem}
        onChange={setSystem}
        empty={search ? t("picker.noSystemMatch") : t("picker.noSystem")}
        more={
          systems.data && systems.data.total > systems.data.items.length
            ? t("picker.more", { shown: systems.data.items.length, total: systems.data.total })
            : undefined
        }
      />
      {kind === "group" && chosenSystem ? (
        <Choice
          label={t("picker.application")}
          items={applications.data?.items}
          value={chosenApplication}
          onChange={setApplication}
          empty={
            <>
              {t("picker.noApplication")}{" "}
              <Link className="link" href={`/systems/${chosenSystem}/applications/new`}>
                {t("picker.createApplication", { system: chosenSystem })}
              </Link>
            </>
          }
        />
      ) : null}
    </ModalForm>
  );
}
