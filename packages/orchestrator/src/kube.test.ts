// Kubeconfig import: every way a kubeconfig could name a program, a file or a proxy is refused, naming
// the field, and nothing is run or opened, not even when the probe is attempted afterwards.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiException } from "@kubernetes/client-node";
import { loggedDetail } from "./outbound";
import { loadKubeconfig, probeCluster, reconcileErrorMessage } from "./kube";

const cluster = (extra = "") => `clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:9${extra}\n`;
const context = "contexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n";
const user = (body: string) => `users:\n- name: u\n  user: ${body}\n`;

let dir: string;
let marker: string;
let script: string;
let fifo: string;
let fifoOpened: string;
let writer: ChildProcess;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-kubeconfig-"));
  marker = path.join(dir, "ran");
  script = path.join(dir, "credential-plugin.sh");
  fs.writeFileSync(
    script,
    `#!/bin/sh\ntouch '${marker}'\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'\n`,
    { mode: 0o755 },
  );
  // A FIFO whose writer (a separate process, so a blocked read cannot hang this one) records that
  // someone opened it for reading, then closes it so that reader gets an empty file rather than hangs.
  fifo = path.join(dir, "ca.pem");
  fifoOpened = path.join(dir, "fifo-opened");
  execFileSync("mkfifo", [fifo]);
  writer = spawn("sh", ["-c", `: > '${fifo}' && touch '${fifoOpened}'`], { stdio: "ignore" });
});
afterAll(() => {
  writer.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Loads the kubeconfig and, should that succeed, probes with it as the portal would; returns the refusal. */
async function attempt(text: string): Promise<string> {
  try {
    const { config } = loadKubeconfig(text);
    await probeCluster(config, 1_000).catch(() => undefined);
  } catch (e) {
    return (e as Error).message;
  }
  return "accepted";
}

describe("kubeconfig import", () => {
  const exec = `{exec: {command: SCRIPT, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}}`;
  const cases: [string, () => string, string][] = [
    ["exec", () => cluster() + context + user(exec.replace("SCRIPT", script)), "users[0].user.exec"],
    ["exec through a merge key", () => cluster() + context + `users:\n- <<: {name: u, user: ${exec.replace("SCRIPT", script)}}\n`, "merge key"],
    [
      "exec through a merge key inside user",
      () => cluster() + context + `users:\n- name: u\n  user:\n    <<: ${exec.replace("SCRIPT", script)}\n`,
      "merge key",
    ],
    ["exec through an anchor and alias", () => `preferences: &p ${exec.replace("SCRIPT", script)}\n` + cluster() + context + user("*p"), "anchor"],
    ["an alias alone", () => cluster() + context + `users:\n- name: u\n  user: &cred {token: t}\n- name: v\n  user: *cred\n`, "anchor"],
    [
      "an auth provider",
      () =>
        cluster() +
        context +
        user(`{auth-provider: {name: oidc, config: {client-id: x, id-token: y, refresh-token: z, idp-issuer-url: "https://127.0.0.1:9"}}}`),
      "users[0].user.auth-provider",
    ],
    [
      "certificate-authority",
      () => cluster(`\n    certificate-authority: ${fifo}`) + context + user("{token: t}"),
      "clusters[0].cluster.certificate-authority",
    ],
    [
      "certificate-authority through a merge key",
      () => `clusters:\n- name: c\n  cluster:\n    <<: {certificate-authority: ${fifo}}\n    server: https://127.0.0.1:9\n` + context + user("{token: t}"),
      "merge key",
    ],
    ["client-certificate", () => cluster() + context + user(`{client-certificate: ${fifo}, client-key-data: eA==}`), "users[0].user.client-certificate"],
    ["client-key", () => cluster() + context + user(`{client-key: ${fifo}, client-certificate-data: eA==}`), "users[0].user.client-key"],
    ["token-file", () => cluster() + context + user(`{token-file: ${fifo}}`), "users[0].user.token-file"],
    ["token-file through a merge key", () => cluster() + context + `users:\n- name: u\n  user: {<<: {token-file: ${fifo}}}\n`, "merge key"],
    [
      "tokenFile of an auth provider",
      () => cluster() + context + user(`{auth-provider: {name: x, config: {tokenFile: ${fifo}}}}`),
      "users[0].user.auth-provider",
    ],
    ["proxy-url", () => cluster("\n    proxy-url: http://169.254.169.254:80") + context + user("{token: t}"), "clusters[0].cluster.proxy-url"],
    ["impersonation", () => cluster() + context + user("{token: t, as: system:admin}"), "users[0].user.as"],
    ["an unknown user field", () => cluster() + context + user("{token: t, whatever: x}"), "users[0].user.whatever"],
    [
      "an unknown context field",
      () => cluster() + `contexts:\n- name: x\n  context: {cluster: c, user: u, exec: y}\ncurrent-context: x\n` + user("{token: t}"),
      "contexts[0].context.exec",
    ],
    ["an unknown top-level field", () => cluster() + context + user("{token: t}") + "exec: {command: x}\n", "uses exec"],
    ["a second document", () => cluster() + context + user("{token: t}") + `---\n` + user(exec.replace("SCRIPT", script)), "not a valid kubeconfig"],
  ];

  it.each(cases)("refuses %s, naming it, and runs or opens nothing", async (_what, text, field) => {
    expect(await attempt(text())).toContain(field);
    expect(fs.existsSync(marker), "the credential plugin ran").toBe(false);
    expect(fs.existsSync(fifoOpened), "a file named in the kubeconfig was opened").toBe(false);
  });

  it("refuses a server with a query string, a fragment or a user name, and keeps a path prefix", async () => {
    const withServer = (server: string) => `clusters:\n- name: c\n  cluster: {server: "${server}"}\n` + context + user("{token: t}");
    expect(await attempt(withServer("https://10.0.0.1:6443/version?x="))).toContain("query string");
    expect(await attempt(withServer("https://10.0.0.1:6443/#x"))).toContain("fragment");
    expect(await attempt(withServer("https://admin:pw@10.0.0.1:6443"))).toContain("user name");
    expect(loadKubeconfig(withServer("https://rancher.example/k8s/clusters/c-1/")).server).toBe("https://rancher.example/k8s/clusters/c-1");
  });

  it("accepts inline credentials and hands the client exactly them", () => {
    const { config, server } = loadKubeconfig(
      cluster("\n    certificate-authority-data: eA==\n    tls-server-name: api.example\n    extensions: [{name: minikube, extension: {version: v1}}]") +
        context +
        user("{token: secret, client-certificate-data: eA==, client-key-data: eA==}") +
        "preferences: {}\n",
    );
    expect(server).toBe("https://127.0.0.1:9");
    expect(config.getCurrentCluster()).toEqual({
      name: "c",
      server: "https://127.0.0.1:9",
      skipTLSVerify: false,
      caData: "eA==",
      tlsServerName: "api.example",
    });
    expect(config.getCurrentUser()).toEqual({ name: "u", token: "secret", certData: "eA==", keyData: "eA==" });
  });
});

describe("what people and logs get of a failed call", () => {
  const html = "<html><body>502 Bad Gateway from proxy-7 at 10.1.2.3; upstream password=hunter2</body></html>";

  it("a reconcile error names the status and a Kubernetes Status's message, never another body or headers", () => {
    const proxy = new ApiException(502, "Unknown API Status Code!", html, { server: "proxy-7", "set-cookie": "s=secret" });
    expect(proxy.message).toContain("hunter2"); // client-node's own message carries it all
    expect(reconcileErrorMessage(proxy)).toBe("the cluster answered 502");
    const status = { kind: "Status", apiVersion: "v1", status: "Failure", message: "exceeded quota: capstan-quota, requested: cpu=2", code: 403 };
    expect(reconcileErrorMessage(new ApiException(403, "Forbidden", JSON.stringify(status), {}))).toBe(
      "the cluster answered 403: exceeded quota: capstan-quota, requested: cpu=2",
    );
    expect(reconcileErrorMessage(new Error("PATCH /apis/apps/v1/x: no answer within 30 s"))).toBe("PATCH /apis/apps/v1/x: no answer within 30 s");
  });

  it("logged details are cut to 512 bytes", () => {
    const long = new ApiException(500, "boom", html.repeat(100), {});
    expect(Buffer.byteLength(loggedDetail(long))).toBeLessThanOrEqual(512);
  });
});
