"use client";
// A build's log, live: reads GET …/logs?follow=true as a stream while the build runs (the API ends it when
// the build ends), then refreshes the page for the outcome. A reader that loses the stream reads it again.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useT } from "@/lib/client/i18n";

export function BuildLog({ url, running }: { url: string; running: boolean }) {
  const t = useT();
  const router = useRouter();
  const [text, setText] = useState("");
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const abort = new AbortController();
    void (async () => {
      try {
        const res = await fetch(`${url}?follow=${running}`, { signal: abort.signal });
        if (!res.ok || !res.body) return;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let all = "";
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          all += value;
          setText(all);
        }
        if (running) router.refresh(); // the build ended: show its outcome
      } catch {
        /* aborted on leaving the page, or the connection dropped: the page's next render reads it again */
      }
    })();
    return () => abort.abort();
  }, [url, running, router]);
  useEffect(() => {
    box.current?.scrollTo({ top: box.current.scrollHeight });
  }, [text]);
  return (
    <section aria-labelledby="build-log" className="space-y-2">
      <h2 id="build-log" className="text-lg font-semibold">
        {t("builds.log")}
      </h2>
      <pre ref={box} className="card max-h-[32rem] overflow-auto whitespace-pre-wrap break-all font-mono text-xs" data-testid="build-log">
        {text || t("builds.logEmpty")}
      </pre>
    </section>
  );
}
