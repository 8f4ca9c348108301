"use client";
// Global search (Ctrl-K / ⌘K): a keyboard-first palette over GET /api/v1/search. cmdk gives the listbox
// (arrow keys, Enter, aria-activedescendant); a native <dialog> gives the modal, focus trap and Escape,
// so no script injects styles (the page's CSP admits only nonced <style>).
import type { SearchHit, SearchKind } from "@capstan/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { searchHref } from "./search-href";

const KINDS: SearchKind[] = ["system", "application", "group", "node", "person"];
/** Wait this long after the last key before asking the server (ms). */
const DEBOUNCE_MS = 150;

/** Where a hit lives, shown beside its name; for a person, the e-mail beside the name people read. */
const where = (h: SearchHit) =>
  h.kind === "group" ? `${h.system}/${h.application}` : (h.department ?? h.system ?? h.cluster ?? (h.kind === "person" && h.displayName ? h.name : null));

/** The search button for the header and the palette it opens; Ctrl-K or ⌘K opens it from anywhere. */
export function CommandPalette() {
  const t = useT();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [selected, setSelected] = useState("");

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    const d = dialog.current;
    // showModal() focuses the dialog's first focusable element, which is cmdk's list root, not the box:
    // put the focus in the search box so typing goes there at once.
    if (open && d && !d.open) {
      d.showModal();
      d.querySelector("input")?.focus();
    }
    if (!open && d?.open) d.close();
  }, [open]);
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const search = useQuery({
    queryKey: ["search", q],
    queryFn: () => apiFetch<{ items: SearchHit[] }>(`/api/v1/search?q=${encodeURIComponent(q)}`),
    enabled: open && q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
  const hits = q ? (search.data?.items ?? []) : [];
  // The highlighted hit (cmdk's value: its page); the first one while the user's choice is not among them,
  // so Enter opens the best match as soon as the answer arrives.
  const active = hits.some((h) => searchHref(h) === selected) ? selected : hits[0] ? searchHref(hits[0]) : "";
  const go = (hit: SearchHit) => {
    setOpen(false);
    setText("");
    router.push(searchHref(hit));
  };

  return (
    <>
      <button type="button" className="btn-secondary min-w-0" onClick={() => setOpen(true)} aria-haspopup="dialog" aria-keyshortcuts="Control+K Meta+K">
        <span aria-hidden="true">⌕</span>
        <span className="hidden sm:inline">{t("shell.search")}</span>
        <kbd className="hidden rounded border border-slate-300 px-1 text-xs text-slate-600 md:inline">{t("shell.searchShortcut")}</kbd>
        <span className="sr-only sm:hidden">{t("shell.search")}</span>
      </button>
      <dialog
        ref={dialog}
        aria-label={t("shell.searchLabel")}
        onClose={() => setOpen(false)}
        onClick={(e) => e.target === e.currentTarget && setOpen(false)}
        className="mx-auto mt-[10vh] w-[min(40rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      >
        {open && (
          <Command label={t("shell.searchLabel")} shouldFilter={false} loop value={active} onValueChange={setSelected}>
            <Command.Input
              value={text}
              onValueChange={setText}
              placeholder={t("shell.searchPlaceholder")}
              className="w-full border-b border-slate-200 bg-transparent px-4 py-3 text-base outline-none placeholder:text-slate-500"
            />
            <Command.List className="max-h-[60vh] overflow-y-auto p-2" aria-busy={search.isFetching}>
              {!q && <p className="px-2 py-3 text-sm text-slate-600">{t("shell.searchHint")}</p>}
              {/* The server matches one or two letters at the start of a name only (docs/names.md). */}
              {q && q.length < 3 && <p className="px-2 pt-2 text-xs text-slate-500">{t("shell.shortQueryHint")}</p>}
              {q && search.isFetching && (
                <Command.Loading>
                  <span className="block px-2 py-3 text-sm text-slate-600">{t("shell.searching")}</span>
                </Command.Loading>
              )}
              {q && search.isError && (
                <p role="alert" className="px-2 py-3 text-sm text-red-700">
                  {t("shell.searchFailed", { message: search.error.message })}
                </p>
              )}
              {q && search.isSuccess && !search.isPlaceholderData && hits.length === 0 && (
                <Command.Empty className="px-2 py-3 text-sm text-slate-600">{t("shell.noResults", { q })}</Command.Empty>
              )}
              {KINDS.map((kind) => {
                const ofKind = hits.filter((h) => h.kind === kind);
                if (!ofKind.length) return null;
                return (
                  <Command.Group
                    key={kind}
                    heading={t(`shell.kinds.${kind}`)}
                    className="mb-1 text-xs font-semibold text-slate-600 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1"
                  >
                    {ofKind.map((hit) => (
                      <Command.Item
                        key={`${kind}:${hit.cluster ?? hit.system ?? ""}/${hit.application ?? ""}/${hit.name}`}
                        value={searchHref(hit)}
                        onSelect={() => go(hit)}
                        className="flex cursor-pointer items-baseline justify-between gap-3 rounded-md px-2 py-1.5 text-sm font-normal text-slate-900 data-[selected=true]:bg-sky-100"
                      >
                        <span className="truncate">
                          {hit.kind === "person" ? hit.displayName || hit.name : hit.displayName}
                          {hit.displayName !== hit.name && hit.kind !== "person" && <span className="ml-2 text-slate-600">{hit.name}</span>}
                        </span>
                        <span className="shrink-0 text-xs text-slate-600">{where(hit)}</span>
                      </Command.Item>
                    ))}
                  </Command.Group>
                );
              })}
            </Command.List>
          </Command>
        )}
      </dialog>
    </>
  );
}
