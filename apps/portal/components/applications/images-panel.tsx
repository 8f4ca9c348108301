"use client";
// An application's images: how to push (docker, podman and skopeo commands with the real registry host
// and repository), and the tags in every data centre where its system has a quota, with digest, size,
// push time and pusher per data centre, whether the digests agree, and Promote and Delete per tag.
import type { ImageOverviewDto, PromotionDto } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { CopyButton } from "@/components/ui/copy-button";
import { type Column, Table } from "@/components/ui/data-table";
import { FormError, useApiMutation } from "@/components/ui/form";
import { ModalForm } from "@/components/ui/modal-form";
import { Time } from "@/components/ui/time";

type Tag = ImageOverviewDto["tags"][number];
type Copy = Tag["copies"][number];

/** Bytes in IEC units ("12.3 MiB"), as registries and `docker images` report sizes. */
export function readableBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  for (; n >= 1024 && i < units.length - 1; i++) n /= 1024;
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

/**
 * The push commands for one repository (`<registry>/<system>/<application>`); `<tag>` is the person's to
 * fill in. A plain-HTTP registry needs `--tls-verify=false` for podman and skopeo (containers/image refuses
 * HTTP otherwise); Docker has no such flag, only the daemon's `insecure-registries` (shown as a note).
 */
export const pushCommands = (registry: string, pushTo: string, plainHttp: boolean) => {
  const tls = plainHttp ? " --tls-verify=false" : "";
  return [
    { tool: "docker", lines: [`docker login ${registry}`, `docker tag my-image ${pushTo}:<tag>`, `docker push ${pushTo}:<tag>`] },
    { tool: "podman", lines: [`podman login${tls} ${registry}`, `podman push${tls} my-image ${pushTo}:<tag>`] },
    {
      tool: "skopeo",
      lines: [`skopeo login${tls} ${registry}`, `skopeo copy --dest-tls-verify=${plainHttp ? "false" : "true"} oci-archive:image.tar docker://${pushTo}:<tag>`],
    },
  ];
};

export function ImagesPanel({ system, application, canWrite }: { system: string; application: string; canWrite: boolean }) {
  const t = useT();
  const endpoint = `/api/v1/systems/${system}/applications/${application}/images/tags`;
  const images = useQuery({ queryKey: [endpoint], queryFn: () => apiFetch<ImageOverviewDto>(endpoint) });
  const data = images.data;
  const dcList =
    data?.dataCentres
      .filter((d) => !d.unavailable)
      .map((d) => d.dataCentre)
      .join(",") ?? "";
  // Memoised: the table renders each cell function as a component, so a new function on every render
  // (each refetch) would remount the cells and close an open Promote dialog before it shows its result.
  const columns = useMemo<Column<Tag>[]>(() => {
    const dcNames = dcList ? dcList.split(",") : [];
    return [
      { accessorKey: "tag", header: t("images.tag"), cell: ({ row }) => <span className="font-mono">{row.original.tag}</span> },
      {
        id: "copies",
        header: t("images.dataCentres"),
        cell: ({ row }) => (
          <ul className="space-y-1">
            {row.original.copies.map((c) => (
              <CopyLine key={c.dataCentre} copy={c} />
            ))}
          </ul>
        ),
      },
      {
        id: "digests",
        header: t("images.digestsAgree"),
        cell: ({ row }) =>
          row.original.copies.length === 1 ? (
            <span className="text-slate-600">{t("images.onlyIn", { dataCentre: row.original.copies[0]!.dataCentre })}</span>
          ) : row.original.sameDigest ? (
            <span className="text-green-700">{t("images.sameDigest")}</span>
          ) : (
            <span className="font-medium text-amber-700">{t("images.digestsDiffer")}</span>
          ),
      },
      {
        id: "actions",
        header: () => <span className="sr-only">{t("common.actions")}</span>,
        cell: ({ row }) =>
          canWrite ? <TagActions system={system} application={application} tag={row.original} dataCentres={dcNames} invalidate={endpoint} /> : null,
      },
    ];
  }, [t, canWrite, system, application, endpoint, dcList]);
  return (
    <section className="space-y-3" aria-labelledby="images-title">
      <h2 id="images-title" className="text-lg font-semibold">
        {t("images.title")}
      </h2>
      {images.isError ? <FormError error={images.error} /> : null}
      {data && data.dataCentres.length === 0 ? <p className="card text-sm text-slate-600">{t("images.noQuota")}</p> : null}
      {data && data.dataCentres.length > 0 ? (
        <details className="card">
          <summary className="cursor-pointer font-medium">{t("images.howToPush")}</summary>
          <p className="mt-2 text-sm text-slate-600">{t("images.pushHelp")}</p>
          {data.dataCentres.map((dc) => (
            <div key={dc.dataCentre} className="mt-3 space-y-1">
              <h3 className="text-sm font-medium">
                {dc.dataCentre} · <span className="font-mono">{dc.pushTo}</span>
              </h3>
              {dc.plainHttp ? <p className="text-xs text-amber-700">{t("images.plainHttp", { registry: dc.registry })}</p> : null}
              {pushCommands(dc.registry, dc.pushTo, dc.plainHttp).map((c) => (
                <div key={c.tool} className="flex items-start gap-2">
                  <pre className="flex-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs" data-testid={`push-${c.tool}-${dc.dataCentre}`}>
                    {c.lines.join("\n")}
                  </pre>
                  <CopyButton text={c.lines.join("\n")} label={`${c.tool} ${dc.pushTo}`} />
                </div>
              ))}
            </div>
          ))}
        </details>
      ) : null}
      {data?.dataCentres
        .filter((d) => d.unavailable)
        .map((d) => (
          <p key={d.dataCentre} role="status" className="text-sm text-amber-700">
            {t("images.unavailable", { dataCentre: d.dataCentre })}
          </p>
        ))}
      {data && data.dataCentres.length > 0 ? (
        data.tags.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("images.none")}</p>
        ) : (
          <Table columns={columns} rows={data.tags} rowKey={(r) => r.tag} label={t("images.tags")} />
        )
      ) : null}
    </section>
  );
}

/** One data centre's copy of a tag: its short digest (full on hover, copyable), size, push time and pusher. */
function CopyLine({ copy }: { copy: Copy }) {
  const t = useT();
  return (
    <li className="flex flex-wrap items-center gap-x-3 text-sm">
      <span className="font-medium">{copy.dataCentre}</span>
      <span className="font-mono text-xs" title={copy.digest}>
        {copy.digest.slice(7, 19)}
      </span>
      <CopyButton text={copy.digest} label={`${t("images.digest")} ${copy.digest}`} />
      <span>{readableBytes(copy.size)}</span>
      <Time at={copy.pushedAt} relative />
      {copy.pushedBy ? <span className="text-slate-500">{copy.pushedBy}</span> : null}
    </li>
  );
}

function TagActions({
  system,
  application,
  tag,
  dataCentres,
  invalidate,
}: {
  system: string;
  application: string;
  tag: Tag;
  dataCentres: string[];
  invalidate: string;
}) {
  const t = useT();
  const base = `/api/v1/systems/${system}/applications/${application}/images`;
  return (
    <span className="inline-flex flex-wrap gap-3">
      <PromoteTag base={base} tag={tag} dataCentres={dataCentres} invalidate={invalidate} />
      {tag.copies.map((c) => {
        const inUse = tag.usedBy.filter((u) => u.dataCentre === c.dataCentre);
        return (
          <ConfirmAction
            key={c.dataCentre}
            disabledReason={inUse.length ? t("images.deleteInUse", { groups: inUse.map((u) => u.group).join(", ") }) : undefined}
            label={`${t("images.deleteTag")} (${c.dataCentre})`}
            triggerClass="link text-red-700"
            danger
            disabled={inUse.length > 0}
            title={t("images.deleteTagTitle", { tag: tag.tag, dataCentre: c.dataCentre })}
            message={t("images.deleteTagHelp")}
            pendingLabel={t("common.deleting")}
            onConfirm={() => apiFetch(`${base}/tags/${encodeURIComponent(tag.tag)}?dataCentre=${c.dataCentre}`, { method: "DELETE" })}
            invalidate={[invalidate]}
          />
        );
      })}
      {tag.usedBy.length ? (
        <span className="text-xs text-slate-500">
          {t("images.usedBy", { groups: tag.usedBy.map((u) => t("images.groupIn", { group: u.group, dataCentre: u.dataCentre })).join(", ") })}
        </span>
      ) : null}
    </span>
  );
}

/** Promote: choose the source (a data centre holding the tag) and the targets; the copy is by digest. */
function PromoteTag({ base, tag, dataCentres, invalidate }: { base: string; tag: Tag; dataCentres: string[]; invalidate: string }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [from, setFrom] = useState(tag.copies[0]?.dataCentre ?? "");
  const [to, setTo] = useState<string[]>([]);
  const [done, setDone] = useState<PromotionDto | null>(null);
  const promote = useApiMutation(() => apiFetch<PromotionDto>(`${base}/promote`, { method: "POST", body: { tag: tag.tag, from, to } }), {
    invalidate: [invalidate],
    onSuccess: setDone,
  });
  const targets = dataCentres.filter((d) => d !== from);
  if (targets.length === 0) return null;
  return (
    <ModalForm
      dialog={dialog}
      trigger={t("images.promote")}
      triggerClass="link"
      title={t("images.promoteTitle", { tag: tag.tag, from })}
      error={promote.error}
      onOpen={() => {
        promote.reset();
        setDone(null);
        setTo(targets.filter((d) => !tag.copies.some((c) => c.dataCentre === d)));
      }}
      onSubmit={() => (done ? dialog.current?.close() : promote.mutate(undefined))}
      submit={
        done ? (
          <button type="submit" className="btn-primary">
            {t("common.close")}
          </button>
        ) : (
          <button type="submit" className="btn-primary" disabled={promote.isPending || to.length === 0}>
            {promote.isPending ? t("images.promoting") : t("images.promote")}
          </button>
        )
      }
    >
      <p className="text-sm text-slate-600">{t("images.promoteHelp")}</p>
      <label className="block space-y-1 text-sm">
        <span>{t("images.promoteFrom")}</span>
        <select className="input" value={from} onChange={(e) => setFrom(e.target.value)}>
          {tag.copies.map((c) => (
            <option key={c.dataCentre} value={c.dataCentre}>
              {c.dataCentre}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="space-y-1 text-sm">
        <legend>{t("images.promoteTo")}</legend>
        {targets.map((d) => (
          <label key={d} className="flex items-center gap-2">
            <input type="checkbox" checked={to.includes(d)} onChange={(e) => setTo(e.target.checked ? [...to, d] : to.filter((x) => x !== d))} />
            {d}
          </label>
        ))}
      </fieldset>
      {done ? (
        <p role="status" className="text-sm text-green-700">
          {t("images.promoted", { tag: tag.tag, dataCentres: done.targets.map((x) => x.dataCentre).join(", "), digest: done.digest.slice(7, 19) })}
        </p>
      ) : null}
    </ModalForm>
  );
}
