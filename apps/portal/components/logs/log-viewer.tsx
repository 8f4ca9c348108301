"use client";
// A group's logs (docs/logs.md): one pod or all merged, streamed from GET …/groups/{group}/logs with
// timestamps (shown in the viewer's zone), rendered with @tanstack/react-virtual so that only the rows in
// view exist in the DOM: 100,000 lines stay responsive. Follow keeps the newest line in view and pauses
// when the reader scrolls up; search highlights matches and jumps between them.
import { useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { GroupDetail } from "@capstan/domain";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, apiFetch, ConnectionError } from "@/lib/client/api-client";
import { useErrorText, useT } from "@/lib/client/i18n";
import { useFormatTime } from "@/components/ui/time";
import { parseLogLine, type LogLine } from "@/components/logs/log-lines";

/** The most lines kept in the browser; older ones are dropped as new ones come. */
export const MAX_LINES = 100_000;
/** Lines asked for per pod when a stream opens. */
const TAIL_LINES = 1000;
/** How far from the bottom (px) still counts as "at the newest line". */
const AT_BOTTOM_PX = 24;

/**
 * The log viewer of the group at `url` (its API path). Its pods come from the same query as the group's
 * page (group-detail.tsx, same key), so the pickers follow rollouts and restarts without more requests.
 */
export function LogViewer({ url, group }: { url: string; group: string }) {
  const t = useT();
  const { data } = useQuery({ queryKey: [url], queryFn: () => apiFetch<GroupDetail>(url), refetchInterval: 2000 });
  const pods = data?.pods ?? [];
  const errorText = useErrorText();
  const formatTime = useFormatTime();
  const [pod, setPod] = useState("");
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(true);
  const [paused, setPaused] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [showTimes, setShowTimes] = useState(true);
  const [search, setSearch] = useState("");
  const [match, setMatch] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [streaming, setStreaming] = useState(false);
  // lines live in a ref (appending must not copy 100,000 rows); `version` re-renders
  const lines = useRef<LogLine[]>([]);
  const [version, setVersion] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const merged = pod === "";
  const restarted = !merged && (pods.find((p) => p.name === pod)?.restarts ?? 0) > 0;
  const asPrevious = previous && restarted;

  useEffect(() => {
    const controller = new AbortController();
    lines.current = [];
    setVersion((v) => v + 1);
    setError(null);
    setPaused(false);
    const q = new URLSearchParams({ timestamps: "true", tailLines: String(TAIL_LINES) });
    if (!merged) q.set("pod", pod);
    if (asPrevious) q.set("previous", "true");
    else if (follow) q.set("follow", "true");
    void (async () => {
      try {
        const res = await fetch(`${url}/logs?${q}`, { headers: { "x-capstan-csrf": "1" }, signal: controller.signal }).catch((e: unknown) => {
          throw controller.signal.aborted ? e : new ConnectionError(e);
        });
        if (!res.ok) {
          const err = (await res.json().catch(() => null))?.error;
          throw new ApiError(res.status, err?.message ?? `HTTP ${res.status}`, err?.fields ?? {}, err?.reason, err?.params);
        }
        setStreaming(true);
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        let rest = "";
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const parts = (rest + value).split("\n");
          rest = parts.pop()!;
          const buf = lines.current;
          for (const p of parts) buf.push(parseLogLine(p, merged));
          if (buf.length > MAX_LINES) buf.splice(0, buf.length - MAX_LINES);
          setVersion((v) => v + 1);
        }
        if (rest) lines.current.push(parseLogLine(rest, merged));
        setVersion((v) => v + 1);
      } catch (e) {
        if (!controller.signal.aborted) setError(errorText(e as Error));
      } finally {
        if (!controller.signal.aborted) setStreaming(false);
      }
    })();
    return () => controller.abort();
  }, [url, pod, merged, asPrevious, follow, errorText]);

  const count = lines.current.length;
  // The React Compiler is off (next.config has no reactCompiler), so the virtualizer's unmemoisable
  // functions are not a hazard; TanStack Virtual re-renders its owner as it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => 20,
    overscan: 30,
  });

  // follow: the newest line stays in view unless the reader scrolled up
  useEffect(() => {
    if (follow && !paused && count > 0) virtualizer.scrollToIndex(count - 1, { align: "end" });
  }, [version, follow, paused, count, virtualizer]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= AT_BOTTOM_PX;
    setPaused(!atBottom);
  }, []);

  const needle = search.trim().toLowerCase();
  const matches = useMemo(() => {
    if (!needle) return [];
    const out: number[] = [];
    lines.current.forEach((l, i) => {
      if (l.text.toLowerCase().includes(needle)) out.push(i);
    });
    return out;
    // `version` stands for the lines' contents, which live in a ref
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [needle, version]);
  const jump = (step: number) => {
    if (!matches.length) return;
    const next = (match + step + matches.length) % matches.length;
    setMatch(next);
    setPaused(true);
    virtualizer.scrollToIndex(matches[next]!, { align: "center" });
  };

  const download = () => {
    const text = lines.current.map((l) => `${l.pod ? `${l.pod} ` : ""}${l.timestamp ? `${l.timestamp} ` : ""}${l.text}\n`).join("");
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    a.download = `${group}${pod ? `-${pod}` : ""}${asPrevious ? "-previous" : ""}.log`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <section className="mt-6 space-y-2" aria-label={t("logs.title")}>
      <h2 className="text-lg font-semibold">{t("logs.title")}</h2>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-1">
          {t("logs.pod")}
          <select className="input" value={pod} onChange={(e) => setPod(e.target.value)}>
            <option value="">{t("logs.allPods")}</option>
            {pods.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {restarted ? (
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} />
            {t("logs.previous")}
          </label>
        ) : null}
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={follow} disabled={asPrevious} onChange={(e) => setFollow(e.target.checked)} />
          {t("logs.follow")}
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
          {t("logs.wrap")}
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={showTimes} onChange={(e) => setShowTimes(e.target.checked)} />
          {t("logs.timestamps")}
        </label>
        <input
          className="input w-48"
          type="search"
          placeholder={t("logs.search")}
          aria-label={t("logs.search")}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setMatch(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") jump(e.shiftKey ? -1 : 1);
          }}
        />
        {needle ? <span className="text-slate-500">{t("logs.matches", { count: matches.length })}</span> : null}
        <button type="button" className="btn" onClick={download} disabled={!count}>
          {t("logs.download")}
        </button>
        <span className="text-slate-500" aria-live="polite">
          {t("logs.lines", { count })}
          {follow && !asPrevious && streaming ? ` · ${paused ? t("logs.paused") : t("logs.following")}` : ""}
        </span>
        {paused && follow && !asPrevious ? (
          <button type="button" className="btn" onClick={() => setPaused(false)}>
            {t("logs.resume")}
          </button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div
        ref={scroller}
        onScroll={onScroll}
        data-testid="log-lines"
        className="h-96 overflow-auto rounded border border-slate-200 bg-slate-950 font-mono text-xs text-slate-100 dark:border-slate-700"
      >
        {count === 0 ? <p className="p-2 text-slate-400">{streaming ? t("logs.waiting") : t("logs.none")}</p> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: "relative", width: "100%" }}>
          {virtualizer.getVirtualItems().map((row) => {
            const l = lines.current[row.index]!;
            return (
              <div
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className={`absolute left-0 top-0 w-full px-2 ${wrap ? "whitespace-pre-wrap break-all" : "whitespace-pre"} ${matches[match] === row.index ? "bg-slate-800" : ""}`}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                {l.pod ? <span className="text-sky-300">{l.pod} </span> : null}
                {showTimes && l.timestamp ? <span className="text-slate-400">{formatTime(l.timestamp, { seconds: true })} </span> : null}
                <Highlighted text={l.text} needle={needle} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

/** `text` with every case-insensitive occurrence of `needle` marked. */
function Highlighted({ text, needle }: { text: string; needle: string }) {
  if (!needle) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  const lower = text.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, at)) {
    parts.push(text.slice(at, i), <mark key={i}>{text.slice(i, i + needle.length)}</mark>);
    at = i + needle.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
