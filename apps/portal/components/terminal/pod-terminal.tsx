"use client";
// A shell in one of a group's pods (docs/terminal.md): a ticket from the API, then a WebSocket to the gateway
// carrying the Kubernetes exec channels (0 stdin, 4 resize out; 1 stdout, 2 stderr, 3 exit status in), drawn
// by xterm.js and sized to its box by the fit addon. A dropped connection is opened again with a new ticket
// (a new shell: the old one ended with its connection); an exit or an idle close is final.
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef, useState } from "react";
import type { TerminalTicket } from "@capstan/domain";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { FormError } from "@/components/ui/form";

type State = "connecting" | "connected" | "reconnecting" | "closed";
/** Close codes the gateway sends (apps/gateway/src/gateway.ts): 1000 the shell ended, 4000 idle. */
const FINAL_CLOSES = new Set([1000, 4000]);
/** Reconnects tried before giving up: about a minute and a half, long enough for a supervised gateway to restart. */
const MAX_RETRIES = 8;

const frame = (channel: number, data: Uint8Array) => {
  const out = new Uint8Array(data.length + 1);
  out[0] = channel;
  out.set(data, 1);
  return out;
};

/**
 * Opens `term` in `el`. xterm's DOM renderer adds <style> elements, which the page's CSP admits only with its
 * nonce (docs/security/browser.md): each one made while it opens gets the nonce of the page's own scripts.
 */
function openWithNonce(term: { open(el: HTMLElement): void }, el: HTMLElement) {
  const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
  const create = document.createElement.bind(document);
  document.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const made = create(tag, options);
    if (nonce && tag.toLowerCase() === "style") made.nonce = nonce;
    return made;
  }) as typeof document.createElement;
  try {
    term.open(el);
  } finally {
    document.createElement = create;
  }
}

export function PodTerminal({ url, pods }: { url: string; pods: { name: string; phase: string }[] }) {
  const t = useT();
  const running = pods.filter((p) => p.phase === "Running").map((p) => p.name);
  const [pod, setPod] = useState<string>("");
  const [open, setOpen] = useState<string | null>(null);
  const [state, setState] = useState<State>("closed");
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const chosen = running.includes(pod) ? pod : (running[0] ?? "");

  useEffect(() => {
    if (!open || !box.current) return;
    const el = box.current;
    let disposed = false;
    let ws: WebSocket | null = null;
    let retries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cleanup = () => {};
    const encoder = new TextEncoder();
    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);
      if (disposed) return;
      const term = new Terminal({ cursorBlink: true, fontSize: 13, fontFamily: "ui-monospace, monospace", scrollback: 5000 });
      const fit = new FitAddon();
      term.loadAddon(fit);
      openWithNonce(term, el);
      fit.fit();
      const send = (channel: number, data: Uint8Array) => ws?.readyState === WebSocket.OPEN && ws.send(frame(channel, data));
      const resize = () => send(4, encoder.encode(JSON.stringify({ Width: term.cols, Height: term.rows })));
      term.onData((d) => send(0, encoder.encode(d)));
      term.onResize(resize);
      const observer = new ResizeObserver(() => fit.fit());
      observer.observe(el);

      const connect = async (again: boolean) => {
        setState(again ? "reconnecting" : "connecting");
        let ticket: TerminalTicket;
        try {
          ticket = await apiFetch<TerminalTicket>(`${url}/pods/${encodeURIComponent(open)}/terminal-ticket`, { method: "POST", body: {} });
        } catch (e) {
          if (disposed) return;
          setError(e as Error);
          return setState("closed");
        }
        if (disposed) return;
        let exited = false;
        const socket = new WebSocket(ticket.url);
        ws = socket;
        socket.binaryType = "arraybuffer";
        socket.onopen = () => {
          retries = 0;
          setState("connected");
          if (again) setNote(t("terminal.reconnected"));
          resize();
          term.focus();
        };
        socket.onmessage = (e: MessageEvent<ArrayBuffer>) => {
          const bytes = new Uint8Array(e.data);
          if (bytes[0] === 1 || bytes[0] === 2) term.write(bytes.subarray(1));
          else if (bytes[0] === 3) exited = true;
        };
        socket.onclose = (e) => {
          if (disposed || ws !== socket) return;
          if (exited || FINAL_CLOSES.has(e.code) || retries >= MAX_RETRIES) {
            setNote(e.code === 4000 ? t("terminal.idle") : exited || e.code === 1000 ? t("terminal.exited") : null);
            return setState("closed");
          }
          // Backoff: 1 s doubling up to 16 s between tries.
          const wait = 1000 * 2 ** Math.min(retries++, 4);
          setState("reconnecting");
          timer = setTimeout(() => void connect(true), wait);
        };
      };
      cleanup = () => {
        observer.disconnect();
        term.dispose();
      };
      void connect(false);
    })();
    return () => {
      disposed = true;
      clearTimeout(timer);
      ws?.close(1000);
      cleanup();
    };
  }, [open, url, t]);

  return (
    <section className="space-y-2" aria-labelledby="terminal-title">
      <h2 id="terminal-title" className="text-lg font-semibold">
        {t("terminal.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("terminal.intro")}</p>
      {running.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("terminal.noRunningPod")}</p>
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="mr-2 text-slate-500">{t("terminal.pod")}</span>
            <select className="input font-mono text-xs" value={chosen} onChange={(e) => setPod(e.target.value)}>
              {running.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn-primary"
            onClick={() => {
              setError(null);
              setNote(null);
              setOpen(chosen);
            }}
          >
            {t("terminal.open")}
          </button>
          {open ? (
            <button type="button" className="btn-secondary" onClick={() => setOpen(null)}>
              {t("terminal.close")}
            </button>
          ) : null}
        </div>
      )}
      <FormError error={error} />
      {open ? (
        <div className="space-y-1">
          <p className="text-xs text-slate-600" role="status" aria-live="polite" data-state={state}>
            <span className="font-mono">{open}</span> · {t(`terminal.state.${state}`)}
            {note ? ` · ${note}` : ""}
          </p>
          <div ref={box} className="h-80 w-full overflow-hidden rounded bg-black p-1" data-testid="terminal" />
        </div>
      ) : null}
    </section>
  );
}
