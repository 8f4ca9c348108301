// HTTP front of one simulated cluster: routing, auth, content negotiation, watch streaming, patches.
import type http from "node:http";
import https from "node:https";
import fs from "node:fs";
import { URL } from "node:url";
import YAML from "yaml";
import zlib from "node:zlib";
import { type Store, type Watcher, type StoreEvent, clone, toJson } from "./store.js";
import { BY_KEY, RESOURCES, type ResourceDef, apiVersionOf, groupVersions, resKey, VERBS } from "./resources.js";
import { ApiError, badRequest, gone, notFound, internal, tooMany } from "./errors.js";
import { parseLabelSelector, parseFieldSelector } from "./selectors.js";
import { mergePatch, strategicMerge, jsonPatch, serverSideApply, fieldsV1, type Applied } from "./patch.js";
import { managedEntry } from "./store.js";
import {
  isObj,
  type Deployment,
  type KubeObject,
  type LabelSelector,
  type ManagedFieldsEntry,
  type ObjectMeta,
  type OwnerReference,
  type Pod,
  type ReplicaSet,
} from "./objects.js";
import { toTable } from "./tables.js";
import { METRICS_GROUP, metricsApiGroup } from "./metrics.js";
import { v3Root, v3Doc, v2Json, v2Protobuf } from "./openapi.js";
import { type FaultState } from "../faults.js";
import { kubeRequestKey, RequestCounter } from "../request-counter.js";
import { handleExecUpgrade } from "./exec.js";
import { fieldValidation } from "./fields.js";

export interface SubresourceHandlers {
  log?(pod: Pod, q: URLSearchParams, res: http.ServerResponse): void;
  /** `body` is the decoded policy/v1 Eviction as the client sent it. */
  evict?(pod: Pod, body: unknown, dryRun: boolean): void;
  /** GETs under /apis/metrics.k8s.io (./metrics.ts); undefined: not one of its paths. */
  metrics?(path: string, q: URLSearchParams): unknown;
}

export interface ApiServerOpts {
  name: string;
  store: Store;
  token: string;
  faults: FaultState;
  handlers: SubresourceHandlers;
  version?: string;
}

const tlsFile = (f: string) => fs.readFileSync(new URL(`../tls/${f}`, import.meta.url));
export const TLS = { key: tlsFile("server.key"), cert: tlsFile("server.crt") };
export const CA_PEM = tlsFile("ca.crt");

interface Route {
  def: ResourceDef;
  key: string;
  ns?: string;
  name?: string;
  sub?: string;
}

// Like kube-apiserver (APIResponseCompression): gzip at level 1 when the client sends
// `Accept-Encoding: gzip` and the response is larger than 128 KiB; never for watches.
const GZIP_THRESHOLD = 128 * 1024;
const acceptsGzip = new WeakSet<http.ServerResponse>();
/** Start a response body; returns the stream to write it to (gzip when allowed and large). */
function startBody(
  res: http.ServerResponse,
  code: number,
  headers: Record<string, string | number>,
  size: number,
): NodeJS.WritableStream & { write(s: string | Buffer): boolean } {
  if (!acceptsGzip.has(res) || size <= GZIP_THRESHOLD) {
    res.writeHead(code, headers);
    return res;
  }
  const { "Content-Length": _omit, ...rest } = headers;
  res.writeHead(code, { ...rest, "Content-Encoding": "gzip", Vary: "Accept-Encoding" });
  const gz = zlib.createGzip({ level: 1, chunkSize: 256 * 1024 });
  gz.pipe(res);
  res.on("close", () => gz.destroy());
  return gz;
}

export class ApiServer {
  applied = new Map<string, Applied>(); // uid -> manager -> applied config
  private watches = new Set<http.ServerResponse>();
  readonly requests = new RequestCounter();
  server: http.Server;
  constructor(public o: ApiServerOpts) {
    // HTTPS because kubectl will not send bearer tokens over plain http.
    this.server = https.createServer({ ...TLS, keepAliveTimeout: 60_000 }, (req, res) => this.handle(req, res)) as unknown as http.Server;
    // pods/{name}/exec arrives as a WebSocket upgrade (exec.ts)
    this.server.on("upgrade", (req, socket, head) => handleExecUpgrade(req, socket, head, o));
    // kubectl and client-node keep connections alive; refuse-connection faults must end them.
    o.faults.onDropWatches.push(() => {
      const n = this.watches.size;
      for (const w of this.watches) w.end();
      this.watches.clear();
      return n;
    });
    setInterval(() => this.bookmarks(), 5000).unref();
  }

  private bookmarkers = new Set<() => void>();
  private bookmarks() {
    for (const b of this.bookmarkers) b();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    try {
      const f = this.o.faults;
      if (f.intercept(req, res)) return;
      if (f.latencyMs) await new Promise((r) => setTimeout(r, f.latencyMs));
      const url = new URL(req.url ?? "/", "http://x");
      await f.held(url);
      if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) acceptsGzip.add(res);
      if (url.pathname.startsWith("/healthz") || url.pathname.startsWith("/livez") || url.pathname.startsWith("/readyz")) return this.text(res, 200, "ok");
      this.requests.count(kubeRequestKey(req.method ?? "GET", url));
      const auth = req.headers.authorization;
      if (auth !== `Bearer ${this.o.token}`) return this.status(res, new ApiError(401, "Unauthorized", "Unauthorized"));
      if (f.shouldFail()) throw f.errorCode === 429 ? tooMany("simulated throttling", f.retryAfterSeconds) : internal();
      const body = ["POST", "PUT", "PATCH", "DELETE"].includes(req.method!) ? await readBody(req) : Buffer.alloc(0);
      await this.route(req, res, url, body);
    } catch (e) {
      if (e instanceof ApiError) return this.status(res, e);
      console.error("sim apiserver error", e);
      this.status(res, internal(String((e as { message?: unknown } | null | undefined)?.message ?? e)));
    }
  }

  /** Server-side field validation of a client's object or patch (fields.ts): refused, or warned of in Warning headers. */
  private checkFields(res: http.ServerResponse, d: ResourceDef, obj: unknown, q: URLSearchParams) {
    const warnings = fieldValidation(d, obj, q.get("fieldValidation"));
    if (warnings.length)
      res.setHeader(
        "Warning",
        warnings.map((w) => `299 - ${JSON.stringify(w)}`),
      );
  }

  private send(res: http.ServerResponse, code: number, body: unknown, contentType = "application/json") {
    if (res.headersSent) return;
    const s = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const len = Buffer.byteLength(s);
    const out = startBody(res, code, { "Content-Type": contentType, "Content-Length": len, "Cache-Control": "no-cache, private" }, len);
    if (s.length <= 1 << 20) return out.end(s);
    // large bodies (e.g. a Table of every pod) go out in slices: huge single TLS writes crawl
    let off = 0;
    const pump = () => {
      while (off < s.length) {
        const part = s.slice(off, off + (1 << 20));
        off += 1 << 20;
        if (!out.write(part)) {
          out.once("drain", pump);
          return;
        }
      }
      out.end();
    };
    pump();
  }
  private text(res: http.ServerResponse, code: number, s: string) {
    this.send(res, code, s, "text/plain");
  }
  private status(res: http.ServerResponse, e: ApiError) {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (e.code === 429) res.setHeader("Retry-After", String(e.details?.retryAfterSeconds ?? 1));
    this.send(res, e.code, e.toStatus());
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer) {
    const p = url.pathname.replace(/\/+$/, "") || "/";
    const m = req.method!;
    const accept = String(req.headers.accept ?? "");
    if (m === "GET") {
      if (p === "/version")
        return this.send(res, 200, {
          major: "1",
          minor: "31",
          gitVersion: this.o.version ?? "v1.31.0-sim",
          gitCommit: "sim",
          gitTreeState: "clean",
          buildDate: "2026-01-01T00:00:00Z",
          goVersion: "go1.22",
          compiler: "gc",
          platform: "linux/amd64",
        });
      if (p === "/api")
        return this.send(res, 200, {
          kind: "APIVersions",
          versions: ["v1"],
          serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: req.headers.host }],
        });
      if (p === "/apis")
        return this.send(res, 200, {
          kind: "APIGroupList",
          apiVersion: "v1",
          groups: [...apiGroups().filter((g) => g.name), ...(this.o.handlers.metrics ? [metricsApiGroup] : [])],
        });
      const metrics = p.startsWith(`/apis/${METRICS_GROUP}`) ? this.o.handlers.metrics?.(p, url.searchParams) : undefined;
      if (metrics !== undefined) return this.send(res, 200, metrics);
      if (p === "/openapi/v2")
        return accept.includes("protobuf")
          ? this.send(res, 200, v2Protobuf(), "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
          : this.send(res, 200, v2Json());
      if (p === "/openapi/v3") return this.send(res, 200, v3Root());
      let mm = p.match(/^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/);
      if (mm) {
        const d = v3Doc(mm[2] ?? "", mm[1] ?? mm[3]);
        return d ? this.send(res, 200, d) : this.status(res, notFound("", "", p));
      }
      if ((mm = p.match(/^\/apis\/([^/]+)$/))) {
        const g = apiGroups().find((x) => x.name === mm![1]);
        if (g) return this.send(res, 200, { kind: "APIGroup", apiVersion: "v1", ...g });
      }
      if ((mm = p.match(/^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/))) {
        const gv = groupVersions().find((g) => g.group === (mm![2] ?? "") && g.version === (mm![1] ?? mm![3]));
        if (gv) return this.send(res, 200, resourceList(gv.group, gv.version, gv.resources));
      }
    }
    const r = parseRoute(p);
    if (!r) throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    return this.resource(req, res, url, r, body, accept);
  }

  private async resource(req: http.IncomingMessage, res: http.ServerResponse, url: URL, r: Route, body: Buffer, accept: string) {
    const { store } = this.o;
    const q = url.searchParams;
    const m = req.method!;
    const dryRun = q.get("dryRun") === "All";
    const d = r.def;
    const fieldManager = q.get("fieldManager") ?? undefined;
    const ns = d.namespaced ? r.ns : "";
    if (d.namespaced && r.name && r.ns === undefined) throw notFound(d.group, d.plural, r.name);
    const wantTable = accept.includes("as=Table");

    if (!r.name) {
      if (m === "GET") {
        const isWatch = q.get("watch") === "true" || q.get("watch") === "1";
        if (isWatch) return this.watch(req, res, r, q, wantTable);
        return this.list(res, r, q, wantTable);
      }
      if (m === "POST") {
        const obj = parseObj(body, req.headers["content-type"]);
        if (d.namespaced) {
          obj.metadata ??= {};
          if (obj.metadata.namespace && obj.metadata.namespace !== r.ns)
            throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
          obj.metadata.namespace = r.ns;
        }
        this.checkFields(res, d, obj, q);
        const out = store.create(r.key, obj, { dryRun, fieldManager: fieldManager ?? userAgentManager(req), fromClient: true });
        return this.send(res, 201, out);
      }
      if (m === "DELETE") {
        const label = parseLabelSelector(q.get("labelSelector"));
        const field = parseFieldSelector(q.get("fieldSelector"));
        const items = store.list(r.key, d.namespaced ? r.ns : undefined, label, field).map((e) => e.obj);
        const out = items.map((o) => store.delete(r.key, o.metadata.namespace ?? "", o.metadata.name, { dryRun }));
        return this.send(res, 200, { kind: `${d.kind}List`, apiVersion: apiVersionOf(d), metadata: { resourceVersion: String(store.rv) }, items: out });
      }
      throw new ApiError(405, "MethodNotAllowed", `the server does not allow this method on the requested resource`);
    }

    const name = r.name;
    const sub = r.sub;
    if (sub === "log" && d.kind === "Pod" && m === "GET") {
      const pod = store.mustGet(r.key, ns!, name);
      if (!this.o.handlers.log) return this.text(res, 200, "");
      return this.o.handlers.log(pod, q, res);
    }
    if (sub === "eviction" && m === "POST") {
      const pod = store.mustGet(r.key, ns!, name);
      const ev = parseObj(body, req.headers["content-type"]);
      this.o.handlers.evict?.(pod, ev, dryRun || ev?.deleteOptions?.dryRun?.includes("All"));
      return this.send(res, 201, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 });
    }
    if (sub === "binding" && m === "POST") {
      const pod = store.mustGet(r.key, ns!, name);
      const b = parseObj(body, req.headers["content-type"]);
      if (pod.spec.nodeName)
        throw new ApiError(
          409,
          "Conflict",
          `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${pod.spec.nodeName}"`,
        );
      store.mutate(r.key, ns!, name, (p) => {
        p.spec.nodeName = b.target?.name;
      });
      return this.send(res, 201, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 });
    }
    if (sub === "scale") return this.scale(req, res, r, body, dryRun);
    if (sub && !["status", "finalize"].includes(sub)) throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    const subresource = sub === "finalize" ? undefined : sub;

    switch (m) {
      case "GET": {
        const e = store.entry(r.key, ns!, name);
        if (!e) throw notFound(d.group, d.plural, name);
        if (wantTable)
          return this.send(res, 200, toTable(d.kind, [e.obj], { resourceVersion: e.obj.metadata.resourceVersion }, q.get("includeObject") ?? "Metadata"));
        return this.send(res, 200, toJson(e.obj));
      }
      case "PUT": {
        const obj = parseObj(body, req.headers["content-type"]);
        obj.metadata ??= {};
        if (obj.metadata.name && obj.metadata.name !== name)
          throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
        obj.metadata.name = name;
        if (d.namespaced) obj.metadata.namespace = ns;
        // (real servers create on PUT for a few kinds, e.g. Endpoints; here PUT always needs an object)
        if (!store.get(r.key, ns!, name)) throw notFound(d.group, d.plural, name);
        if (!subresource) this.checkFields(res, d, obj, q);
        const out = store.update(r.key, obj, { dryRun, subresource, fieldManager: fieldManager ?? userAgentManager(req), fromClient: true });
        return this.send(res, 200, out);
      }
      case "PATCH":
        return this.patch(req, res, r, body, q, dryRun, subresource);
      case "DELETE": {
        const opts = body.length ? parseObj(body, "application/json") : {};
        const grace = q.get("gracePeriodSeconds") ?? opts.gracePeriodSeconds;
        const policy = q.get("propagationPolicy") ?? opts.propagationPolicy;
        const cur = store.mustGet(r.key, ns!, name);
        if (policy === "Orphan") this.orphan(cur);
        const out = store.delete(r.key, ns!, name, {
          dryRun: dryRun || opts.dryRun?.includes?.("All"),
          gracePeriodSeconds: grace !== undefined && grace !== null ? Number(grace) : undefined,
          preconditionUid: opts.preconditions?.uid,
          preconditionRv: opts.preconditions?.resourceVersion,
        });
        if (!store.get(r.key, ns!, name) && !["Pod", "Namespace"].includes(d.kind))
          return this.send(res, 200, {
            kind: "Status",
            apiVersion: "v1",
            metadata: {},
            status: "Success",
            details: { name, group: d.group, kind: d.plural, uid: cur.metadata.uid },
          });
        return this.send(res, 200, out);
      }
    }
    throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
  }

  /** propagationPolicy=Orphan: detach dependents before the owner goes. */
  private orphan(owner: KubeObject) {
    const uid = owner.metadata.uid;
    for (const [key] of BY_KEY)
      for (const e of this.o.store.list(key, owner.metadata.namespace || undefined)) {
        if (e.obj.metadata.ownerReferences?.some((o: OwnerReference) => o.uid === uid))
          this.o.store.mutate(key, e.obj.metadata.namespace ?? "", e.obj.metadata.name, (x) => {
            x.metadata.ownerReferences = x.metadata.ownerReferences.filter((o: OwnerReference) => o.uid !== uid);
          });
      }
  }

  private patch(req: http.IncomingMessage, res: http.ServerResponse, r: Route, body: Buffer, q: URLSearchParams, dryRun: boolean, subresource?: string) {
    const { store } = this.o;
    const d = r.def;
    const ns = d.namespaced ? r.ns! : "";
    const ct = String(req.headers["content-type"] ?? "")
      .split(";")[0]
      .trim();
    const cur = store.get(r.key, ns, r.name!);
    const manager = q.get("fieldManager") ?? userAgentManager(req);
    if (ct === "application/apply-patch+yaml") {
      const cfg = YAML.parse(body.toString("utf8"));
      if (!cfg || typeof cfg !== "object") throw badRequest("invalid apply configuration");
      if (cfg.metadata?.name && cfg.metadata.name !== r.name) throw badRequest("the name of the object does not match the name on the URL");
      if (!q.get("fieldManager"))
        throw new ApiError(422, "Invalid", 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
      if (!subresource) this.checkFields(res, d, cfg, q);
      const force = q.get("force") === "true";
      const applied = (cur && this.applied.get(cur.metadata.uid)) || new Map();
      const merged = serverSideApply(cur, cfg, manager, force, applied);
      merged.metadata = { ...merged.metadata, name: r.name!, ...(d.namespaced ? { namespace: ns } : {}) };
      const entry = managedEntry(manager, "Apply", d, fieldsV1(cfg));
      merged.metadata.managedFields = [
        ...(cur?.metadata.managedFields ?? []).filter((m: ManagedFieldsEntry) => !(m.manager === manager && m.operation === "Apply")),
        entry,
      ];
      let out;
      if (!cur) {
        out = store.create(r.key, merged, { dryRun, fromClient: true });
        merged.metadata.managedFields = [entry];
      } else {
        delete merged.metadata.resourceVersion;
        out = store.update(r.key, merged, { dryRun, subresource, fromClient: true });
      }
      if (!dryRun) this.applied.set(out.metadata.uid, applied);
      return this.send(res, cur ? 200 : 201, out);
    }
    if (!cur) throw notFound(d.group, d.plural, r.name!);
    const patch = parseObj(body, "application/json");
    // a patched object (the store validates it; a patch that made it no object fails on its metadata, as ever)
    let next: KubeObject;
    if (!subresource && !Array.isArray(patch)) this.checkFields(res, d, patch, q);
    if (ct === "application/json-patch+json") next = jsonPatch(cur, patch) as KubeObject;
    else if (ct === "application/merge-patch+json") next = mergePatch(clone(cur), patch) as KubeObject;
    else if (ct === "application/strategic-merge-patch+json") next = strategicMerge(clone(cur), patch) as KubeObject;
    else
      throw new ApiError(
        415,
        "UnsupportedMediaType",
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
      );
    // a patch without resourceVersion never conflicts; one that sets it must match
    if (!patch?.metadata?.resourceVersion && !Array.isArray(patch)) next.metadata.resourceVersion = cur.metadata.resourceVersion;
    if (Array.isArray(patch) && !patch.some((p: { path?: string }) => p.path === "/metadata/resourceVersion"))
      next.metadata.resourceVersion = cur.metadata.resourceVersion;
    const out = store.update(r.key, next, { dryRun, subresource, fieldManager: manager, fromClient: true });
    return this.send(res, 200, out);
  }

  private scale(req: http.IncomingMessage, res: http.ServerResponse, r: Route, body: Buffer, dryRun: boolean) {
    const { store } = this.o;
    const cur = store.mustGet(r.key, r.ns!, r.name!);
    const toScale = (o: Deployment | ReplicaSet) => ({
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp,
      },
      spec: { replicas: o.spec.replicas },
      status: { replicas: o.status?.replicas ?? 0, selector: selectorString(o.spec.selector) },
    });
    if (req.method === "GET") return this.send(res, 200, toScale(cur));
    let replicas: unknown;
    const ct = String(req.headers["content-type"] ?? "");
    const b = parseObj(body, "application/json");
    if (req.method === "PUT") {
      if (b.metadata?.resourceVersion && b.metadata.resourceVersion !== cur.metadata.resourceVersion)
        throw new ApiError(
          409,
          "Conflict",
          `Operation cannot be fulfilled on ${r.def.plural}.${r.def.group} "${r.name}": the object has been modified; please apply your changes to the latest version and try again`,
        );
      replicas = b.spec?.replicas;
    } else if (req.method === "PATCH") {
      const cs = toScale(cur);
      const nx = ct.includes("json-patch")
        ? jsonPatch(cs, b)
        : ct.includes("apply-patch")
          ? strategicMerge(cs, YAML.parse(body.toString()))
          : mergePatch(cs, b);
      replicas = isObj(nx) && isObj(nx.spec) ? nx.spec.replicas : undefined;
    } else throw new ApiError(405, "MethodNotAllowed", "method not allowed");
    if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0)
      throw new ApiError(
        422,
        "Invalid",
        `Scale.autoscaling "${r.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`,
      );
    const out = store.mutate(
      r.key,
      r.ns!,
      r.name!,
      (o) => {
        o.spec.replicas = replicas;
      },
      { dryRun },
    );
    return this.send(res, 200, toScale(out));
  }

  private list(res: http.ServerResponse, r: Route, q: URLSearchParams, table: boolean) {
    const { store } = this.o;
    const d = r.def;
    const label = parseLabelSelector(q.get("labelSelector"));
    const field = parseFieldSelector(q.get("fieldSelector"));
    const limit = Number(q.get("limit") ?? 0);
    const cont = q.get("continue");
    let next: string | undefined;
    let rv = String(store.rv);
    let entries;
    if (limit > 0 || cont) {
      let after = "";
      if (cont) {
        let tok: { rv: string; after: string };
        try {
          tok = JSON.parse(Buffer.from(cont, "base64url").toString());
        } catch {
          throw badRequest("continue key is not valid");
        }
        rv = tok.rv;
        after = tok.after;
        // As kube-apiserver once etcd has compacted the list's revision (here: once the event log has
        // moved past it): 410 Expired, and the client starts its list again.
        if (Number(rv) < store.oldestRv())
          throw gone(
            "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
          );
      }
      // pages are in storage-key order (namespace/name), like etcd
      const page = store.page(r.key, d.namespaced ? r.ns : undefined, label, field, after, limit);
      entries = page.entries;
      if (page.more) next = Buffer.from(JSON.stringify({ rv, after: keyOf(entries[entries.length - 1].obj) })).toString("base64url");
    } else entries = store.page(r.key, d.namespaced ? r.ns : undefined, label, field, "", 0).entries;
    const meta: { resourceVersion: string; continue?: string } = { resourceVersion: rv };
    if (next) meta.continue = next;
    if (table)
      return this.send(
        res,
        200,
        toTable(
          d.kind,
          entries.map((e) => e.obj),
          meta,
          q.get("includeObject") ?? "Metadata",
        ),
      );
    // Stream the body from cached per-object JSON in ~1 MiB writes with backpressure: one giant
    // write to a TLS socket is pathologically slow in Node, and this keeps memory flat.
    let size = 0;
    for (let k = 0; k < entries.length && size <= GZIP_THRESHOLD; k++) size += toJson(entries[k].obj).length;
    const out = startBody(res, 200, { "Content-Type": "application/json", "Cache-Control": "no-cache, private" }, size);
    let buf = `{"kind":"${d.kind}List","apiVersion":"${apiVersionOf(d)}","metadata":${JSON.stringify(meta)},"items":[`;
    let i = 0;
    const pump = () => {
      while (i < entries.length) {
        buf += (i ? "," : "") + toJson(entries[i++].obj);
        if (buf.length >= 1 << 20) {
          const ok = out.write(buf);
          buf = "";
          if (!ok) {
            out.once("drain", pump);
            return;
          }
        }
      }
      out.end(buf + "]}");
    };
    res.on("close", () => {
      i = entries.length;
    });
    pump();
  }

  private watch(req: http.IncomingMessage, res: http.ServerResponse, r: Route, q: URLSearchParams, table: boolean) {
    const { store } = this.o;
    const d = r.def;
    const rvParam = q.get("resourceVersion");
    const bookmarks = q.get("allowWatchBookmarks") === "true";
    const initial = q.get("sendInitialEvents") === "true";
    const includeObject = q.get("includeObject") ?? "Metadata";
    let headerSent = false;
    // Events are buffered and flushed once per event-loop turn (or at 256 KiB): one TLS record per
    // batch instead of per event is what makes 10k+ events/s possible.
    let pending = "";
    let flushQueued = false;
    const flush = () => {
      flushQueued = false;
      if (pending && !res.writableEnded) {
        res.write(pending);
        pending = "";
      }
    };
    // a watch event's object: a stored object, a BOOKMARK's stub or an ERROR's Status
    const write = (type: string, obj: { kind?: string; apiVersion?: string; metadata?: { resourceVersion?: string } }) => {
      if (!headerSent) {
        res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked", "Cache-Control": "no-cache, private" });
        headerSent = true;
      }
      const o =
        type === "BOOKMARK" || !table
          ? type === "BOOKMARK" || obj === undefined
            ? JSON.stringify(obj)
            : toJson(obj)
          : JSON.stringify(toTable(d.kind, [obj as KubeObject], { resourceVersion: obj.metadata?.resourceVersion }, includeObject, false));
      pending += `{"type":"${type}","object":${o}}\n`;
      if (pending.length >= 1 << 18) flush();
      else if (!flushQueued) {
        flushQueued = true;
        setImmediate(flush);
      }
    };
    let lastRv = store.rv;
    const w: Watcher = {
      key: r.key,
      ns: d.namespaced ? r.ns : undefined,
      label: parseLabelSelector(q.get("labelSelector")),
      field: parseFieldSelector(q.get("fieldSelector")),
      send: (type, obj, ev?: StoreEvent) => {
        if (ev) lastRv = ev.rv;
        write(type, obj);
      },
    };
    const bookmark = (extra: Partial<ObjectMeta> = {}) =>
      write("BOOKMARK", { kind: d.kind, apiVersion: apiVersionOf(d), metadata: { resourceVersion: String(lastRv), ...extra } });
    let since: number | undefined;
    if (initial || !rvParam || rvParam === "0") {
      for (const e of store.list(r.key, w.ns, w.label, w.field)) write("ADDED", e.obj);
      if (initial && bookmarks) bookmark({ annotations: { "k8s.io/initial-events-end": "true" } });
    } else since = Number(rvParam);
    let stop: () => void;
    try {
      stop = store.watch(w, since);
    } catch (e) {
      if (e instanceof ApiError && e.code === 410) {
        // real servers report "too old" as an ERROR event inside a 200 stream
        write("ERROR", e.toStatus());
        flush();
        return res.end();
      }
      throw e;
    }
    if (!headerSent) {
      res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
      headerSent = true;
      res.flushHeaders();
    }
    this.watches.add(res);
    const bm = () => {
      if (bookmarks) bookmark();
    };
    this.bookmarkers.add(bm);
    const timeout = Number(q.get("timeoutSeconds") ?? 0);
    const timer =
      timeout > 0
        ? setTimeout(() => {
            flush();
            res.end();
          }, timeout * 1000)
        : undefined;
    const done = () => {
      stop();
      this.bookmarkers.delete(bm);
      this.watches.delete(res);
      if (timer) clearTimeout(timer);
    };
    res.on("close", done);
    req.on("close", done);
  }
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
/** A LabelSelector in its string form (as Scale's status.selector and kubectl print it). */
export const selectorString = (s: LabelSelector | undefined) =>
  [
    ...Object.entries(s?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(s?.matchExpressions ?? []).map((e) =>
      e.operator === "Exists" ? e.key : e.operator === "DoesNotExist" ? `!${e.key}` : `${e.key} ${e.operator.toLowerCase()} (${e.values!.join(",")})`,
    ),
  ].join(",");

function userAgentManager(req: http.IncomingMessage) {
  const ua = String(req.headers["user-agent"] ?? "unknown");
  return ua.split("/")[0] || "unknown";
}

function parseRoute(p: string): Route | undefined {
  let m = p.match(/^\/api\/v1\/(.*)$/);
  let group = "",
    version = "v1",
    rest: string;
  if (m) rest = m[1];
  else if ((m = p.match(/^\/apis\/([^/]+)\/([^/]+)\/(.*)$/))) {
    group = m[1];
    version = m[2];
    rest = m[3];
  } else return undefined;
  let segs = rest.split("/").filter(Boolean);
  if (segs[0] === "watch") segs = segs.slice(1); // legacy /watch/ prefix
  let ns: string | undefined;
  if (segs[0] === "namespaces" && segs.length >= 3 && !(segs.length === 3 && ["status", "finalize"].includes(segs[2]))) {
    ns = segs[1];
    segs = segs.slice(2);
  }
  const [plural, name, sub] = segs;
  const def = BY_KEY.get(resKey(group, plural));
  if (!def || def.version !== version) return undefined;
  if (!def.namespaced && ns !== undefined) return undefined;
  return { def, key: resKey(group, plural), ns, name, sub };
}

function parseObj(body: Buffer, ct?: string): any {
  if (!body.length) return {};
  const s = body.toString("utf8");
  try {
    return String(ct ?? "").includes("yaml") ? YAML.parse(s) : JSON.parse(s);
  } catch (e) {
    throw badRequest(`error decoding request body: ${(e as Error).message}`);
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function apiGroups() {
  const m = new Map<string, string[]>();
  for (const d of RESOURCES) {
    const v = m.get(d.group) ?? [];
    if (!v.includes(d.version)) v.push(d.version);
    m.set(d.group, v);
  }
  return [...m].map(([name, versions]) => ({
    name,
    versions: versions.map((v) => ({ groupVersion: name ? `${name}/${v}` : v, version: v })),
    preferredVersion: { groupVersion: name ? `${name}/${versions[0]}` : versions[0], version: versions[0] },
  }));
}

function resourceList(group: string, version: string, defs: ResourceDef[]) {
  // metav1.APIResource entries
  const resources: { name: string; singularName: string; namespaced: boolean; kind: string; verbs: string[]; [field: string]: unknown }[] = [];
  for (const d of defs) {
    resources.push({
      name: d.plural,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: VERBS,
      ...(d.shortNames ? { shortNames: d.shortNames } : {}),
      ...(d.categories ? { categories: d.categories } : {}),
      storageVersionHash: "sim",
    });
    for (const s of d.subresources ?? []) {
      const base = { name: `${d.plural}/${s}`, singularName: "", namespaced: d.namespaced };
      if (s === "status") resources.push({ ...base, kind: d.kind, verbs: ["get", "patch", "update"] });
      else if (s === "scale") resources.push({ ...base, group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "patch", "update"] });
      else if (s === "log") resources.push({ ...base, kind: "Pod", verbs: ["get"] });
      else if (s === "binding") resources.push({ ...base, kind: "Binding", verbs: ["create"] });
      else if (s === "eviction") resources.push({ ...base, group: "policy", version: "v1", kind: "Eviction", verbs: ["create"] });
      else if (s === "finalize") resources.push({ ...base, kind: d.kind, verbs: ["update"] });
    }
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: group ? `${group}/${version}` : version, resources };
}
