// Harbor for one data centre: a Harbor REST API v2.0 subset (/api/v2.0) and the OCI Distribution
// API (/v2/) over one in-memory content store, with basic auth (admin or robot accounts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { FaultState } from "../faults.js";
import { harborApi } from "./api.js";
import { ociApi } from "./oci.js";
import { harborRequestKey, RequestCounter } from "../request-counter.js";

export interface Manifest {
  digest: string;
  mediaType: string;
  body: Buffer;
  pushed: string;
  id: number;
}
export interface Repo {
  id: number;
  name: string;
  projectId: number;
  created: string;
  updated: string;
  manifests: Map<string, Manifest>;
  tags: Map<string, { digest: string; pushed: string; id: number }>;
  pulls: number;
}
export interface Project {
  project_id: number;
  name: string;
  public: boolean;
  created: string;
  updated: string;
  storageLimit: number;
  blobs: Set<string>;
  quotaId: number;
}
/** Registry host → credentials, as a kubelet reads them from a pod's dockerconfigjson pull secrets. */
export type PullCredentials = Record<string, { username: string; password: string }>;

/** Harbor's RobotPermission: the access a robot has in one project (`namespace`, "*" for all). */
export interface RobotPermission {
  kind: string;
  namespace: string;
  access: { resource: string; action: string; effect?: string }[];
}

export interface Robot {
  id: number;
  name: string;
  secret: string;
  level: string;
  permissions: RobotPermission[];
  created: string;
  expiresAt: number;
  description?: string;
  disable: boolean;
}

/** One entry of Harbor's audit log (models.AuditLog in Harbor's v2.0 API). */
export interface AuditLog {
  id: number;
  username: string;
  operation: string;
  resource_type: string;
  resource: string;
  op_time: string;
}

export class HttpError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

const now = () => new Date().toISOString();
export const sha256 = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

export class Registry {
  faults = new FaultState();
  url = "";
  host = "";
  password: string;
  name: string;
  server: http.Server;
  readonly requests = new RequestCounter();
  projects = new Map<string, Project>();
  repos = new Map<string, Repo>();
  blobs = new Map<string, Buffer>();
  uploads = new Map<string, { repo: string; chunks: Buffer[]; size: number }>();
  robots = new Map<number, Robot>();
  /** Harbor's audit log, oldest first (GET /projects/{name}/logs): who did what to which resource. */
  auditLogs: AuditLog[] = [];
  private ids = 1;
  /** Records one operation in the audit log, as Harbor does for pushes and deletions. */
  audit(username: string, operation: string, resourceType: string, resource: string) {
    this.auditLogs.push({ id: this.nextId(), username, operation, resource_type: resourceType, resource, op_time: now() });
  }
  nextId() {
    return this.ids++;
  }

  constructor(public o: { name: string; host: string; port: number; password?: string }) {
    this.name = o.name;
    this.password = o.password ?? randomBytes(12).toString("base64url");
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.createProject("library", true, -1);
    this.faults.onRefuse.push(async (s) => {
      await new Promise<void>((r) => {
        this.server.close(() => r());
        this.server.closeAllConnections();
      });
      setTimeout(() => this.server.listen(this.port, this.o.host), s * 1000).unref();
    });
  }
  port = 0;
  async start() {
    await new Promise<void>((r, j) => {
      this.server.once("error", j);
      this.server.listen(this.o.port, this.o.host, () => r());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.host = `${this.o.host}:${this.port}`;
    this.url = `http://${this.host}`;
  }
  async stop() {
    if (this.server.listening)
      await new Promise<void>((r) => {
        this.server.close(() => r());
        this.server.closeAllConnections();
      });
  }

  createProject(name: string, isPublic: boolean, storageLimit: number) {
    const p: Project = {
      project_id: this.nextId(),
      name,
      public: isPublic,
      created: now(),
      updated: now(),
      storageLimit,
      blobs: new Set(),
      quotaId: this.nextId(),
    };
    this.projects.set(name, p);
    return p;
  }
  projectOf(repo: string) {
    return this.projects.get(repo.split("/")[0]);
  }
  usedStorage(p: Project) {
    let n = 0;
    for (const d of p.blobs) n += this.blobs.get(d)?.length ?? 0;
    for (const r of this.repos.values()) if (r.projectId === p.project_id) for (const m of r.manifests.values()) n += m.body.length;
    return n;
  }

  /**
   * Kubelet hook: 'foreign' when the image is not hosted here; 'unauthorized' when its project is private
   * and none of the pod's pull credentials for this host may pull from it (what a real pull gets as 401);
   * else whether the reference resolves.
   */
  checkImage(image: string, credentials: PullCredentials = {}): "ok" | "missing" | "foreign" | "unauthorized" {
    const slash = image.indexOf("/");
    if (slash < 0) return "foreign";
    const host = image.slice(0, slash);
    if (host !== this.host && host !== `localhost:${this.port}`) return "foreign";
    let rest = image.slice(slash + 1);
    let ref = "latest";
    const at = rest.indexOf("@");
    if (at >= 0) {
      ref = rest.slice(at + 1);
      rest = rest.slice(0, at);
    } else {
      const colon = rest.lastIndexOf(":");
      if (colon > rest.lastIndexOf("/")) {
        ref = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
      }
    }
    const project = rest.split("/")[0];
    const cred = credentials[host];
    const principal = cred ? this.authenticate(cred.username, cred.password) : undefined;
    if (this.projects.get(project) && !this.can(principal ?? undefined, project, "pull")) return "unauthorized";
    const repo = this.repos.get(rest);
    if (!repo) return "missing";
    return ref.startsWith("sha256:") ? (repo.manifests.has(ref) ? "ok" : "missing") : repo.tags.has(ref) ? "ok" : "missing";
  }

  /** Returns the authenticated principal or undefined (anonymous). */
  auth(req: http.IncomingMessage): { admin: boolean; robot?: Robot; user: string } | undefined | null {
    const h = req.headers.authorization;
    if (!h) return undefined;
    const m = h.match(/^Basic (.+)$/);
    if (!m) return null;
    const [user, ...pw] = Buffer.from(m[1], "base64").toString().split(":");
    const pass = pw.join(":");
    if (!user && !pass) return undefined; // clients send empty basic credentials when they have none
    return this.authenticate(user, pass);
  }

  private authenticate(user: string, pass: string): { admin: boolean; robot?: Robot; user: string } | null {
    if (user === "admin" && pass === this.password) return { admin: true, user };
    for (const r of this.robots.values())
      if (r.name === user && r.secret === pass && !r.disable && (r.expiresAt < 0 || r.expiresAt > Date.now() / 1000)) return { admin: false, robot: r, user };
    return null;
  }
  /** Robot permission check: project-level robots list {resource, action} per namespace. */
  can(p: { admin: boolean; robot?: Robot } | undefined, project: string, action: "pull" | "push" | "delete"): boolean {
    if (p?.admin) return true;
    if (!p?.robot) return action === "pull" && !!this.projects.get(project)?.public;
    return p.robot.permissions.some(
      (perm) =>
        (perm.namespace === project || perm.namespace === "*") &&
        (perm.access ?? []).some((a) => a.resource === "repository" && (a.action === action || (action === "pull" && a.action === "push"))),
    );
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    try {
      if (this.faults.intercept(req, res)) return;
      if (this.faults.latencyMs) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
      if (this.faults.shouldFail()) {
        if (this.faults.errorCode === 429) res.setHeader("Retry-After", String(this.faults.retryAfterSeconds));
        throw new HttpError(this.faults.errorCode, this.faults.errorCode === 429 ? "TOO_MANY_REQUESTS" : "INTERNAL_SERVER_ERROR", "simulated fault");
      }
      const url = new URL(req.url ?? "/", "http://x");
      this.requests.count(harborRequestKey(req.method ?? "GET", url));
      if (url.pathname.startsWith("/api/v2.0/")) return await harborApi(this, req, res, url);
      if (url.pathname === "/v2" || url.pathname.startsWith("/v2/")) return await ociApi(this, req, res, url);
      throw new HttpError(404, "NOT_FOUND", "not found");
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      // HttpErrors carry Harbor's error code; anything else is reported as UNKNOWN with its message
      const err = e instanceof Error ? (e as Error & { code?: string }) : undefined;
      if (!(e instanceof HttpError)) console.error("sim registry error", e);
      if (status === 401) res.setHeader("WWW-Authenticate", `Basic realm="${this.name}-harbor"`);
      if (res.headersSent) return res.end();
      const body = JSON.stringify({ errors: [{ code: err?.code ?? "UNKNOWN", message: err?.message }] });
      res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(req.method === "HEAD" ? undefined : body);
    }
  }

  repo(name: string, create = false): Repo | undefined {
    let r = this.repos.get(name);
    if (!r && create) {
      const p = this.projectOf(name);
      if (!p) throw new HttpError(404, "NAME_UNKNOWN", `project ${name.split("/")[0]} not found`);
      r = { id: this.nextId(), name, projectId: p.project_id, created: now(), updated: now(), manifests: new Map(), tags: new Map(), pulls: 0 };
      this.repos.set(name, r);
    }
    return r;
  }
  newUpload(repo: string) {
    const id = randomUUID();
    this.uploads.set(id, { repo, chunks: [], size: 0 });
    return id;
  }
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
