"use client";
// A balancer's member groups: weights (0–256) editable in place with each group's share of new traffic
// as a bar, computed as they are typed (trafficShares); groups added or removed; saved together with
// `PUT …/members { members, version }`. Each member can be taken out (drained) and put back.
import type { ApiPage, GroupDto, LoadBalancerDetail } from "@capstan/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { createContext, useContext, useMemo, useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import type { Translate } from "@/messages";
import { type Column, Table } from "@/components/ui/data-table";
import { SaveError, useEditBase } from "@/components/ui/edit-conflict";
import { useApiMutation } from "@/components/ui/form";
import { StateWithDrain } from "./drain";
import { PutBack, TakeOut } from "./take-out";
import { keepMemberEdits, type MemberRow } from "./member-edits";
import { trafficShares } from "./traffic";

type Row = MemberRow;

const toRows = (lb: LoadBalancerDetail): Row[] => lb.members.map((m) => ({ group: m.group, weight: String(m.weight) }));
/** A weight as typed: a number when it is one, else as typed, so the server's 422 names it. */
const weightOf = (s: string) => (s.trim() !== "" && Number.isFinite(Number(s)) ? Number(s) : s);

/**
 * What the member table's cells read while a list is edited. The cells are components of their own, reading
 * this, so that the columns stay the same between renders: a column's `cell` is rendered as a component
 * (TanStack's flexRender), and a new function per render would remount the weight input on every keystroke.
 */
interface Members {
  lb: LoadBalancerDetail;
  url: string;
  rows: Row[];
  /** Each row's share of new traffic, in %. */
  shares: number[];
  draft: Row[] | null;
  canWrite: boolean;
  /** Whether a group is the last member in with a weight (taking it out stops all traffic). */
  lastIn: (group: string) => boolean;
  invalidate: string[];
  errorOf: (i: number) => string | undefined;
  /** Replaces row i, or removes it (null). */
  edit: (i: number, row: Row | null) => void;
  save: () => void;
  saving: boolean;
}
const MembersContext = createContext<Members | null>(null);
const useMembers = () => useContext(MembersContext)!;

function GroupCell({ r }: { r: Row }) {
  const { lb } = useMembers();
  return (
    <Link className="link font-mono" href={`/systems/${lb.system}/applications/${lb.application}/groups/${r.group}`}>
      {r.group}
    </Link>
  );
}

function WeightCell({ r, i }: { r: Row; i: number }) {
  const t = useT();
  const m = useMembers();
  const error = m.errorOf(i);
  return (
    <>
      {m.canWrite ? (
        <input
          type="number"
          min={0}
          max={256}
          className="input w-24"
          aria-label={`${t("loadBalancers.weight")} ${r.group}`}
          aria-invalid={Boolean(error)}
          value={r.weight}
          onChange={(e) => m.edit(i, { ...r, weight: e.target.value })}
          onKeyDown={(e) => {
            // Enter saves, as in a form (this is not one: see below).
            if (e.key === "Enter" && m.draft !== null && !m.saving) m.save();
          }}
        />
      ) : (
        r.weight
      )}
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
    </>
  );
}

function ShareCell({ i }: { i: number }) {
  const t = useT();
  const share = useMembers().shares[i] ?? 0;
  return (
    <div className="flex min-w-32 items-center gap-2">
      <div className="h-2 flex-1 rounded bg-slate-100" aria-hidden="true">
        <div className="h-2 rounded bg-sky-500" style={{ width: `${share}%` }} />
      </div>
      <span className="w-12 text-right tabular-nums">{t("loadBalancers.shareOf", { share })}</span>
    </div>
  );
}

function StateCell({ r }: { r: Row }) {
  const m = useMembers().lb.members.find((x) => x.group === r.group);
  return m ? <StateWithDrain state={m.state} stateSince={m.stateSince} drainSeconds={m.drainSeconds} /> : "—";
}

function ActionsCell({ r, i }: { r: Row; i: number }) {
  const t = useT();
  const { lb, url, draft, lastIn, invalidate, edit } = useMembers();
  const m = lb.members.find((x) => x.group === r.group);
  return (
    <span className="flex flex-wrap gap-2">
      {m && draft === null ? (
        m.state === "IN" ? (
          <TakeOut name={r.group} url={`${url}/members/${r.group}`} lastIn={lastIn(r.group)} invalidate={invalidate} />
        ) : (
          <PutBack name={r.group} url={`${url}/members/${r.group}`} invalidate={invalidate} />
        )
      ) : null}
      <button type="button" className="btn-secondary px-2 py-0.5 text-xs" onClick={() => edit(i, null)} aria-label={`${t("loadBalancers.remove")} ${r.group}`}>
        {t("loadBalancers.remove")}
      </button>
    </span>
  );
}

/** The member table's columns; none sorts, as rows are edited by their place in the list. */
function memberColumns(t: Translate, canWrite: boolean): Column<Row>[] {
  return [
    { id: "group", header: t("loadBalancers.group"), cell: ({ row }) => <GroupCell r={row.original} /> },
    { id: "weight", header: t("loadBalancers.weight"), cell: ({ row }) => <WeightCell r={row.original} i={row.index} /> },
    { id: "share", header: t("loadBalancers.share"), cell: ({ row }) => <ShareCell i={row.index} /> },
    { id: "state", header: t("loadBalancers.state"), cell: ({ row }) => <StateCell r={row.original} /> },
    ...(canWrite
      ? [
          {
            id: "actions",
            header: () => <span className="sr-only">{t("common.actions")}</span>,
            cell: ({ row }) => <ActionsCell r={row.original} i={row.index} />,
          } satisfies Column<Row>,
        ]
      : []),
  ];
}

export function MembersEditor({ lb, url }: { lb: LoadBalancerDetail; url: string }) {
  const t = useT();
  const canWrite = lb.can.write && !lb.deleting;
  // null: showing the server's members (kept live by the page's polling); a list: being edited.
  const [draft, setDraft] = useState<Row[] | null>(null);
  // The members as the edit began (with base's version), so a kept edit can tell the user's changes from theirs.
  const [startRows, setStartRows] = useState<Row[] | null>(null);
  // The version the edit started from, not the one polled since (edit-conflict.tsx).
  const base = useEditBase(lb.version);
  const client = useQueryClient();
  const rows = draft ?? toRows(lb);
  const change = (next: Row[]) => {
    base.start();
    setStartRows((s) => s ?? toRows(lb));
    setDraft(next);
  };
  const discard = () => {
    setDraft(null);
    setStartRows(null);
    base.reset();
    save.reset();
  };
  const [adding, setAdding] = useState("");
  const groupsUrl = `/api/v1/systems/${lb.system}/applications/${lb.application}/groups`;
  // Groups that could join: the application's in the balancer's cluster.
  const groups = useQuery({
    queryKey: [groupsUrl, "lb-candidates"],
    queryFn: () => apiFetch<ApiPage<GroupDto>>(`${groupsUrl}?pageSize=100`),
    enabled: canWrite,
  });
  const candidates = (groups.data?.items ?? []).filter(
    (g) => g.cluster === lb.cluster && g.dataCentre === lb.dataCentre && !rows.some((r) => r.group === g.name),
  );
  const save = useApiMutation(
    (members: Row[]) =>
      apiFetch(`${url}/members`, {
        method: "PUT",
        body: { members: members.map((m) => ({ group: m.group, weight: weightOf(m.weight) })), version: base.version },
      }),
    { invalidate: [url], onSuccess: () => (setDraft(null), setStartRows(null), base.reset()) },
  );
  const shares = trafficShares(
    rows.map((r) => ({ group: r.group, weight: Number(r.weight), state: lb.members.find((m) => m.group === r.group)?.state ?? "IN" })),
  );
  const inWithWeight = lb.members.filter((m) => m.state === "IN" && m.weight > 0);
  const lastIn = (group: string) => inWithWeight.length === 1 && inWithWeight[0]!.group === group;
  const errorOf = (i: number): string | undefined => save.fields[`members.${i}.weight`] ?? save.fields[`members.${i}.group`] ?? save.fields[`members.${i}`];
  const columns = useMemo(() => memberColumns(t, canWrite), [t, canWrite]);
  const history = `${url}/history`;
  const edit = (i: number, row: Row | null) => {
    save.clearFields([`members.${i}`]);
    const next = [...rows];
    if (row) next[i] = row;
    else next.splice(i, 1);
    change(next);
  };
  return (
    <section className="space-y-2" aria-labelledby="lb-members">
      <h2 id="lb-members" className="text-lg font-semibold">
        {t("loadBalancers.membersTitle")}
      </h2>
      {/* Not a <form>: each member's "Take out" dialog holds a form of its own, and forms do not nest. */}
      <div className="card space-y-3">
        {rows.length === 0 ? <p className="text-sm text-slate-600">{t("loadBalancers.membersNone")}</p> : null}
        {rows.length ? (
          <MembersContext
            value={{
              lb,
              url,
              rows,
              shares,
              draft,
              canWrite,
              lastIn,
              invalidate: [url, history],
              errorOf,
              edit,
              save: () => save.mutate(rows),
              saving: save.isPending,
            }}
          >
            <Table<Row> label={t("loadBalancers.membersTitle")} rows={rows} rowKey={(r) => r.group} columns={columns} />
          </MembersContext>
        ) : null}
        {canWrite ? (
          <div className="flex flex-wrap items-end gap-2">
            {candidates.length ? (
              <>
                <label className="space-y-1 text-sm">
                  <span className="block text-slate-700">{t("loadBalancers.addMemberLabel")}</span>
                  <select className="input" value={adding} onChange={(e) => setAdding(e.target.value)}>
                    <option value="">—</option>
                    {candidates.map((g) => (
                      <option key={g.name} value={g.name}>
                        {g.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  className="btn-secondary"
                  disabled={!adding}
                  onClick={() => {
                    change([...rows, { group: adding, weight: "100" }]);
                    setAdding("");
                  }}
                >
                  {t("loadBalancers.addMember")}
                </button>
              </>
            ) : null}
            <span className="flex-1" />
            {draft !== null ? (
              <>
                <span className="text-xs text-amber-800" role="status">
                  {t("loadBalancers.membersChanged")}
                </span>
                <button type="button" className="btn-secondary" onClick={discard}>
                  {t("common.cancel")}
                </button>
              </>
            ) : null}
            <button type="button" className="btn-primary" disabled={draft === null || save.isPending} onClick={() => save.mutate(rows)}>
              {save.isPending ? t("common.saving") : t("loadBalancers.saveMembers")}
            </button>
          </div>
        ) : null}
        <SaveError
          error={save.error}
          onReload={() => {
            discard();
            void client.invalidateQueries({ queryKey: [url] });
          }}
          onKeep={() => {
            // Keep the user's own changes on top of theirs (every other member as they saved it): the next Save
            // replaces the members at the current version, changing only what was changed here.
            void apiFetch<LoadBalancerDetail>(url).then((now) => {
              const theirs = toRows(now);
              setDraft((d) => keepMemberEdits(startRows ?? theirs, d ?? theirs, theirs));
              setStartRows(theirs);
              base.rebase(now.version);
              save.reset();
            });
          }}
        />
      </div>
    </section>
  );
}
