// exec: a shell in a group's pod, as the portal's terminal opens it (docs/terminal.md): a single-use ticket
// from the API, then a WebSocket to the terminal gateway speaking Kubernetes' exec framing (one channel
// byte per message: 0 stdin and 4 resize from us; 1 stdout, 2 stderr, 3 the final Status to us).
import { GroupDetailSchema, TerminalTicketSchema } from "@capstan/domain";
import type WebSocket from "ws";
import type { Command, Run } from "../command";
import { CliError } from "../errors";
import { GROUP_FLAGS, groupRef, seg, text } from "./common";

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const STATUS = 3;
const RESIZE = 4;
/** The gateway's close codes (apps/gateway/src/gateway.ts CLOSE_IDLE, CLOSE_CLUSTER_FAILED). */
const CLOSE_REASONS: Record<number, string> = { 4000: "the session was idle for too long", 4001: "the cluster's exec failed" };

/**
 * The exit code in a Kubernetes exec Status (metav1.Status on channel 3): 0 for Success, the `ExitCode`
 * cause's number for a command that failed (as kubectl reports it), else 1.
 */
export function exitCodeOf(status: unknown): { code: number; message?: string } {
  const s = status as { status?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } } | null;
  if (s?.status === "Success") return { code: 0 };
  const cause = s?.details?.causes?.find((c) => c.reason === "ExitCode");
  const code = Number(cause?.message);
  if (Number.isInteger(code) && code > 0 && code < 256) return { code };
  return { code: 1, message: s?.message ?? "the command failed" };
}

export const exec: Command = {
  path: ["exec"],
  summary:
    "Open a shell in a pod of a group: sh, as the portal's terminal opens it; interactive with a raw TTY when stdin is a terminal; piped stdin is typed into the shell, and its end ends the shell (Ctrl-D). Exits with the shell's status.",
  usage: "SYSTEM/APP/GROUP [POD] [-c CONTAINER]",
  args: { required: ["GROUP"], optional: ["POD"] },
  flags: { container: { type: "string", short: "c", value: "CONTAINER", help: "The container (a group's pods have one)" }, ...GROUP_FLAGS },
  examples: [
    "capstan exec shop/storefront/web-dc1",
    "capstan exec shop/storefront/web-dc1 web-dc1-5f7d9c-x2x7q",
    "printf 'hostname\\nexit\\n' | capstan exec shop/cart/api",
  ],
  async run(r) {
    const g = groupRef(r, r.args[0]!);
    const api = await r.api();
    let pod: string | undefined = r.args[1];
    if (!pod) {
      // As `kubectl exec deploy/x` does: the first pod that runs.
      const group = await api.get(g.path, GroupDetailSchema);
      pod = group.pods.find((p) => p.phase === "Running" && p.ready)?.name ?? group.pods.find((p) => p.phase === "Running")?.name;
      if (!pod) throw new CliError(`group ${g.name} has no running pod`);
    }
    const ticket = await api.send("POST", `${g.path}/pods/${seg(pod)}/terminal-ticket`, TerminalTicketSchema, { container: text(r, "container") });
    // ws is loaded only here: every other command starts faster without it.
    const { default: WebSocketClient } = await import("ws");
    const code = await relay(r, ticket.url, WebSocketClient);
    if (code.message) throw new CliError(code.message, [], code.code);
    if (code.code) throw new CliError(`command terminated with exit code ${code.code}`, [], code.code);
  },
};

/** Relays the terminal between this process and the gateway until the shell ends; resolves to its exit status. */
function relay(r: Run, url: string, WebSocketClient: typeof WebSocket): Promise<{ code: number; message?: string }> {
  const { stdin, stdout, stderr } = r.io;
  const tty = Boolean(stdin.isTTY && stdin.setRawMode);
  const out = process.stdout;
  return new Promise((resolve) => {
    let result: { code: number; message?: string } | undefined;
    const ws = new WebSocketClient(url, { handshakeTimeout: r.timeoutMs });
    const frame = (channel: number, data: Buffer | string) =>
      ws.readyState === WebSocketClient.OPEN && ws.send(Buffer.concat([Buffer.of(channel), Buffer.from(data)]));
    const resize = () => out.columns && frame(RESIZE, JSON.stringify({ Width: out.columns, Height: out.rows }));
    const onInput = (chunk: Buffer | string) => frame(STDIN, chunk);
    // Piped input ends with Ctrl-D, which ends the shell as it would at a terminal (the gateway passes no other way to close stdin).
    const onEnd = () => frame(STDIN, "\u0004");
    let done = false;
    const finish = (r: { code: number; message?: string }) => {
      if (done) return;
      done = true;
      stdin.off("data", onInput);
      stdin.off("end", onEnd);
      out.off("resize", resize);
      if (tty) stdin.setRawMode!(false);
      stdin.pause();
      resolve(r);
    };
    ws.on("open", () => {
      if (tty) stdin.setRawMode!(true);
      if (tty) out.on("resize", resize);
      resize();
      stdin.on("data", onInput);
      stdin.on("end", onEnd);
      stdin.resume();
    });
    ws.on("message", (data: Buffer) => {
      if (data[0] === STDOUT) stdout.write(data.subarray(1));
      else if (data[0] === STDERR) stderr.write(data.subarray(1).toString());
      else if (data[0] === STATUS) {
        try {
          result = exitCodeOf(JSON.parse(data.subarray(1).toString()));
        } catch {
          result = { code: 1, message: "the gateway sent an exit status that is not JSON" };
        }
      }
    });
    ws.on("unexpected-response", (_req, res) => {
      const why =
        res.statusCode === 401
          ? "the ticket was refused (used or expired)"
          : res.statusCode === 403
            ? "you may not open a terminal in this group"
            : `HTTP ${res.statusCode}`;
      ws.terminate();
      finish({ code: 1, message: `the terminal gateway refused the session: ${why}` });
    });
    ws.on("error", (e: Error & { code?: string }) =>
      finish(result ?? { code: 1, message: `could not reach the terminal gateway at ${new URL(url).origin} (${e.code ?? e.message})` }),
    );
    ws.on("close", (code, reason) => {
      if (result) return finish(result);
      if (code === 1000) return finish({ code: 0 });
      finish({ code: 1, message: `the terminal closed: ${CLOSE_REASONS[code] ?? (reason.toString() || `code ${code}`)}` });
    });
  });
}
