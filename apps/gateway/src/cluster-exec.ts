// Opening a shell in a pod through its cluster's API server: pods/{pod}/exec upgraded to a WebSocket speaking
// the Kubernetes remote command protocol (v5.channel.k8s.io, else v4), as kubectl 1.31+ and client-node do.
// The connection goes through the kubeconfig's credentials and the outbound policy (loadKubeconfig guards
// every agent the KubeConfig makes, applyToHTTPSOptions's included).
import type https from "node:https";
import { TERMINAL_COMMAND } from "@capstan/domain";
import { loadKubeconfig } from "@capstan/orchestrator";
import WebSocket from "ws";

/** Subprotocols offered to the API server, most preferred first. */
export const EXEC_PROTOCOLS = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

/** Where the shell runs. */
export interface ExecTarget {
  namespace: string;
  pod: string;
  container: string;
}

/**
 * The exec path with kubectl's parameters for an interactive terminal: `command` (repeated), `container`,
 * stdin, stdout and a TTY (stderr joins stdout on a TTY, so it is not asked for).
 */
export function execPath(t: ExecTarget, command: readonly string[] = TERMINAL_COMMAND): string {
  const q = new URLSearchParams();
  for (const c of command) q.append("command", c);
  q.set("container", t.container);
  q.set("stdin", "true");
  q.set("stdout", "true");
  q.set("tty", "true");
  return `/api/v1/namespaces/${encodeURIComponent(t.namespace)}/pods/${encodeURIComponent(t.pod)}/exec?${q}`;
}

/**
 * Opens the exec WebSocket of `target` with `kubeconfig` (inline fields only, as registered). Resolves once the
 * API server accepted the upgrade; rejects with the API server's status (401, 404, …) or the connection's error,
 * or OutboundRefused when the policy denies the cluster's address; gives up after `timeoutMs` (10 s).
 */
export async function openClusterExec(kubeconfig: string, target: ExecTarget, timeoutMs = 10_000): Promise<WebSocket> {
  const { config, server } = loadKubeconfig(kubeconfig);
  const options: https.RequestOptions = {};
  await config.applyToHTTPSOptions(options);
  const url = `${server.replace(/^http/, "ws")}${execPath(target)}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, EXEC_PROTOCOLS, { ...options, perMessageDeflate: false, handshakeTimeout: timeoutMs, followRedirects: false });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => {
      reject(new Error(`the API server answered ${res.statusCode ?? "?"} to exec`));
      res.resume();
      ws.terminate();
    });
    ws.once("error", reject);
  });
}
