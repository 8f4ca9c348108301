"use client";
// A group's logs (docs/logs.md, "The viewer"): one pod or all merged, streamed from GET …/groups/{group}/logs
// with timestamps (shown in the viewer's zone), rendered with @tanstack/react-virtual so that only the rows
// in view exist in the DOM: 100,000 lines stay responsive. Lines go into a ring (log-store.ts) as they are
// read, and the list re-renders at most once per animation frame, not once per chunk. Rows have one fixed
// height unless wrap is on (only then are they measured). Follow keeps the newest line in view and pauses
// when the reader scrolls up; search highlights matches in the rows on screen, brings the nearest match
// into view as one types, and jumps between matches.
import { useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { GroupDetail } from "@capstan/domain";
import { memo, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ApiError, apiFetch, ConnectionError } from "@/lib/client/api-client";
import { useErrorText, useT } from "@/lib/client/i18n";
import { useFormatTime } from "@/components/ui/time";
import { parseLogLine, type LogLine } from "@/components/logs/log-lines";
import { LineRing, LineSearch, matchToShow } from "@/components/logs/log-store";

/** The most lines kept in the browser; older ones are dropped as new ones come. */
export const MAX_LINES = 100_000;
/** Lines asked for per pod when a stream opens. */
const TAIL_LINES = 1000;
/** How far from the bottom (px) still counts as "at the newest line". */
const AT_BOTTOM_PX = 24;
/** A row's height without wrap (px): text-xs with leading-4 (1rem). */
const ROW_PX = 16;

/** What the toolbar asks of the list: the absolute numbers (LineRing) of the lines in view, and to show one. */
interface RowsHandle {
  inView(): { first: number; last: number };
  reveal(line: number): void;
}

/**
 * The log viewer of the group at `url` (its API path). Its pods come from the same query as the group's
 * page (group-detail.tsx, same key), so the pickers follow rollouts and restarts without more requests.
 */
export function LogViewer({ url, group }: { url: string; group: string }) {
  const t = useT();
  const { data } = useQuery({ queryKey: [url], queryFn: () => apiFetch<GroupDetail>(url), refetchInterval: 2000 });
  const pods = data?.pods ?? [];
  const errorText = useErrorText();
  const [pod, setPod] = useState("");
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(true);
  const [paused, setPaused] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [showTimes, setShowTimes] = useState(true);
  const [search, setSearch] = useState("");
  // the current match as an absolute line number (LineRing), so it stays on its line as older ones drop
  const [current, setCurrent] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const [streaming, setStreaming] = useState(false);
  // The lines live in a ring (appending must not copy 100,000 rows), a new one for each stream; `view`
  // (the ring and a counter) re-renders, at most once per animation frame.
  const [view, setView] = useState(() => ({ lines: new LineRing<LogLine>(MAX_LINES), version: 0 }));
  const [searcher] = useState(() => new LineSearch());
  const rows = useRef<RowsHandle>(null);
  const merged = pod === "";
  const restarted = !merged && (pods.find((p) => p.name === pod)?.restarts ?? 0) > 0;
  const asPrevious = previous && restarted;

  // A new stream (another pod, previous, follow): the list empties at once, as the click is handled.
  const reopen = () => {
    setView((v) => ({ lines: new LineRing<LogLine>(MAX_LINES), version: v.version + 1 }));
    setError(null);
    setPaused(false);
    setCurrent(-1);
  };

  useEffect(() => {
    const controller = new AbortController();
    const lines = new LineRing<LogLine>(MAX_LINES);
    let frame = 0;
    const show = () => setView((v) => ({ lines, version: v.version + 1 }));
    // one render per animation frame, however many chunks arrived during it
    const schedule = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        show();
      });
    };
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
        show();
        setStreaming(true);
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        let rest = "";
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const parts = (rest + value).split("\n");
          rest = parts.pop()!;
          for (const p of parts) lines.push(parseLogLine(p, merged));
          if (parts.length) schedule();
        }
        if (rest) lines.push(parseLogLine(rest, merged));
        schedule();
      } catch (e) {
        if (!controller.signal.aborted) setError(errorText(e as Error));
      } finally {
        if (!controller.signal.aborted) setStreaming(false);
      }
    })();
    return () => {
      controller.abort();
      cancelAnimationFrame(frame);
    };
  }, [url, pod, merged, asPrevious, follow, errorText]);

  const { lines } = view;
  const count = lines.length;
  const needle = search.trim().toLowerCase();
  // only the lines added since the last render are searched (`view` changes with them)
  const matches = searcher.update(lines, needle);

  const showMatch = (line: number) => {
    setCurrent(line);
    setPaused(true);
    rows.current?.reveal(line);
  };
  const jump = (step: number) => {
    if (!matches.length) return;
    const at = matches.indexOf(current);
    const next = at < 0 ? (step > 0 ? 0 : matches.length - 1) : (at + step + matches.length) % matches.length;
    showMatch(matches[next]!);
  };
  // Find as you type: the match nearest the bottom of the view becomes the current one, and is brought into
  // view (pausing follow) when it is not there, so a search while following shows its highlight.
  const onSearch = (text: string) => {
    setSearch(text);
    const found = searcher.update(lines, text.trim().toLowerCase());
    const shown = rows.current?.inView() ?? { first: lines.end, last: lines.end - 1 };
    const at = matchToShow(found, shown.last);
    if (at < 0) return setCurrent(-1);
    const line = found[at]!;
    if (line >= shown.first && line <= shown.last) setCurrent(line);
    else showMatch(line);
  };

  const download = () => {
    const text = Array.from(lines, (l) => `${l.pod ? `${l.pod} ` : ""}${l.timestamp ? `${l.timestamp} ` : ""}${l.text}\n`).join("");
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
          <select
            className="input"
            value={pod}
            onChange={(e) => {
              setPod(e.target.value);
              reopen();
            }}
          >
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
            <input
              type="checkbox"
              checked={previous}
              onChange={(e) => {
                setPrevious(e.target.checked);
                reopen();
              }}
            />
            {t("logs.previous")}
          </label>
        ) : null}
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={follow}
            disabled={asPrevious}
            onChange={(e) => {
              setFollow(e.target.checked);
              reopen();
            }}
          />
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
          onChange={(e) => onSearch(e.target.value)}
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
      <LogRows
        ref={rows}
        lines={lines}
        version={view.version}
        following={follow && !asPrevious && !paused}
        onPaused={setPaused}
        wrap={wrap}
        showTimes={showTimes}
        needle={needle}
        current={current}
        empty={count === 0 ? (streaming ? t("logs.waiting") : t("logs.none")) : null}
      />
    </section>
  );
}

/**
 * The scrolling list, apart from the toolbar so that scrolling re-renders only it. `version` changes
 * whenever `lines` gained or lost lines. While `following`, the newest line is kept in view; scrolling
 * away from the bottom calls `onPaused(true)`, back to it `onPaused(false)`.
 */
const estimateSize = () => ROW_PX;

function LogRows({
  ref,
  lines,
  version,
  following,
  onPaused,
  wrap,
  showTimes,
  needle,
  current,
  empty,
}: {
  ref: React.Ref<RowsHandle>;
  lines: LineRing<LogLine>;
  version: number;
  following: boolean;
  onPaused: (paused: boolean) => void;
  wrap: boolean;
  showTimes: boolean;
  needle: string;
  current: number;
  empty: string | null;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const getScrollElement = useCallback(() => scroller.current, []);
  const formatTime = useFormatTime();
  const times = useMemo(() => new SecondsFormatter(formatTime), [formatTime]);
  const count = lines.length;
  const first = lines.first;
  // Keyed by absolute number, so a measured (wrapped) height stays with its line as older lines drop. The
  // virtualizer recomputes every row's position when this function (or the count) changes, so it must
  // change only with `first`, not at each scroll.
  const getItemKey = useCallback((i: number) => first + i, [first]);
  // The React Compiler is off (next.config has no reactCompiler), so the virtualizer's unmemoisable
  // functions are not a hazard; TanStack Virtual re-renders its owner as it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement, estimateSize, getItemKey, overscan: 20 });
  // Without wrap every row is ROW_PX high and none is measured; with it, measured heights are dropped
  // when wrap is turned off again.
  useLayoutEffect(() => {
    if (!wrap) virtualizer.measure();
  }, [wrap, virtualizer]);

  // follow: the newest line stays in view unless the reader scrolled up
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!following || !el || count === 0) return;
    if (wrap) virtualizer.scrollToIndex(count - 1, { align: "end" });
    else el.scrollTop = el.scrollHeight;
  }, [version, following, count, wrap, virtualizer]);

  useImperativeHandle(
    ref,
    () => ({
      inView() {
        const el = scroller.current;
        const top = el?.scrollTop ?? 0,
          bottom = top + (el?.clientHeight ?? 0);
        const shown = virtualizer.getVirtualItems().filter((r) => r.end > top && r.start < bottom);
        return shown.length
          ? { first: first + shown[0]!.index, last: first + shown[shown.length - 1]!.index }
          : { first: first + count, last: first + count - 1 };
      },
      reveal(line) {
        if (line >= first && line < first + count) virtualizer.scrollToIndex(line - first, { align: "center" });
      },
    }),
    [virtualizer, first, count],
  );

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    onPaused(el.scrollHeight - el.scrollTop - el.clientHeight > AT_BOTTOM_PX);
  }, [onPaused]);

  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      data-testid="log-lines"
      className="h-96 overflow-auto rounded border border-slate-200 bg-slate-950 font-mono text-xs leading-4 text-slate-100 dark:border-slate-700"
    >
      {empty ? <p className="p-2 text-slate-400">{empty}</p> : null}
      <div style={{ height: virtualizer.getTotalSize(), position: "relative", width: "100%" }}>
        {virtualizer.getVirtualItems().map((row) => (
          <LogRow
            key={row.key}
            index={row.index}
            top={row.start}
            line={lines.at(row.index)!}
            measure={wrap ? virtualizer.measureElement : undefined}
            wrap={wrap}
            times={showTimes ? times : undefined}
            needle={needle}
            current={first + row.index === current}
          />
        ))}
      </div>
    </div>
  );
}

/** One line's row; memoised, so that a scroll or a new line re-renders only the rows that changed. */
const LogRow = memo(function LogRow({
  index,
  top,
  line,
  measure,
  wrap,
  times,
  needle,
  current,
}: {
  index: number;
  top: number;
  line: LogLine;
  measure?: (el: HTMLElement | null) => void;
  wrap: boolean;
  times?: SecondsFormatter;
  needle: string;
  current: boolean;
}) {
  return (
    <div
      data-index={index}
      data-current={current || undefined}
      ref={measure}
      className={`absolute left-0 top-0 w-full px-2 ${wrap ? "whitespace-pre-wrap break-all" : "whitespace-pre"} ${current ? "bg-slate-700" : ""}`}
      style={{ transform: `translateY(${top}px)`, height: wrap ? undefined : ROW_PX }}
    >
      {line.pod ? <span className="text-sky-300">{line.pod} </span> : null}
      {times && line.timestamp ? <span className="text-slate-400">{times.text(line.timestamp)} </span> : null}
      <Highlighted text={line.text} needle={needle} current={current} />
    </div>
  );
});

/**
 * Kubelet timestamps formatted to the second in the viewer's zone (`format`: useFormatTime's), remembered:
 * the lines of one second share their text, and Intl's formatToParts is the costliest part of drawing a row.
 */
class SecondsFormatter {
  private readonly seen = new Map<string, string>();
  constructor(private readonly format: (at: string, opts: { seconds: boolean }) => string) {}

  /** `timestamp` (RFC 3339) as the viewer shows it. */
  text(timestamp: string): string {
    // in UTC ("…T08:00:01.123456789Z") the text to the second names the second
    const key = timestamp.endsWith("Z") ? timestamp.slice(0, 19) : timestamp;
    let text = this.seen.get(key);
    if (text === undefined) {
      if (this.seen.size >= 10_000) this.seen.clear();
      text = this.format(timestamp, { seconds: true });
      this.seen.set(key, text);
    }
    return text;
  }
}

/** `text` with every case-insensitive occurrence of `needle` marked (the current match's row in orange). */
function Highlighted({ text, needle, current }: { text: string; needle: string; current: boolean }) {
  if (!needle) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  const lower = text.toLowerCase();
  const mark = current ? "bg-orange-400 text-slate-950" : "bg-yellow-200 text-slate-950";
  let at = 0;
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, at)) {
    parts.push(
      text.slice(at, i),
      <mark key={i} className={mark}>
        {text.slice(i, i + needle.length)}
      </mark>,
    );
    at = i + needle.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
