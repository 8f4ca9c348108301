// Harbor REST API v2.0 subset: health, systeminfo, projects (+quotas), repositories, artifacts,
// tags, robot accounts. Errors use Harbor's {"errors":[{"code","message"}]} shape.
import type http from "node:http";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { type Registry, HttpError, readBody, type Project, type Repo, type RobotPermission } from "./registry.js";
import { isHarborProjectName, isHarborRobotName } from "./names.js";

const NewProject = z.object({
  project_name: z.string().refine(isHarborProjectName, "project name is not in lower case or contains illegal characters!"),
  public: z.boolean().optional(),
  metadata: z.object({ public: z.string().optional() }).passthrough().optional(),
  storage_limit: z.number().int().optional(),
});
const NewRobot = z.object({
  name: z.string().refine(isHarborRobotName, "robot name is not in lower case or contains illegal characters"),
  description: z.string().optional(),
  duration: z.number().int().default(-1),
  level: z.enum(["system", "project"]).default("system"),
  disable: z.boolean().optional(),
  permissions: z
    .array(
      z.object({
        kind: z.string(),
        namespace: z.string(),
        access: z.array(z.object({ resource: z.string(), action: z.string(), effect: z.string().optional() })),
      }),
    )
    .min(1),
});

export async function harborApi(r: Registry, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  const p = url.pathname.slice("/api/v2.0".length);
  const m = req.method!;
  const json = (status: number, body?: unknown, headers: Record<string, string | number> = {}) => {
    const s = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(s), ...headers });
    res.end(m === "HEAD" ? undefined : s);
  };
  if (p === "/ping") {
    res.writeHead(200, { "Content-Type": "text/plain" });
    return res.end("Pong");
  }
  if (p === "/health")
    return json(200, {
      status: "healthy",
      components: ["core", "database", "jobservice", "portal", "redis", "registry", "registryctl"].map((name) => ({ name, status: "healthy" })),
    });
  if (p === "/systeminfo")
    return json(200, {
      harbor_version: "v2.11.0-sim",
      auth_mode: "db_auth",
      registry_url: r.host,
      external_url: r.url,
      self_registration: false,
      has_ca_root: false,
      project_creation_restriction: "adminonly",
      read_only: false,
      with_chartmuseum: false,
      notification_enable: true,
      primary_auth_mode: false,
      banner_message: "",
    });
  const who = r.auth(req);
  if (!who) throw new HttpError(401, "UNAUTHORIZED", "unauthorized");
  const admin = () => {
    if (!who.admin) throw new HttpError(403, "FORBIDDEN", "forbidden");
  };
  const body = async <T>(schema: z.ZodType<T>): Promise<T> => {
    const raw = await readBody(req);
    let v: unknown;
    try {
      v = JSON.parse(raw.toString() || "{}");
    } catch {
      throw new HttpError(400, "BAD_REQUEST", "invalid JSON body");
    }
    const out = schema.safeParse(v);
    if (!out.success) throw new HttpError(400, "BAD_REQUEST", out.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    return out.data;
  };
  // Harbor pages lists (at most 100 a page) and, while more remain, says where the next page is in a Link
  // header (src/server/v2.0/handler/base.go Links: `<path?page=n&page_size=…>; rel="next"`).
  const page = <T>(items: T[]) => {
    const size = Math.min(100, Number(url.searchParams.get("page_size") ?? 10));
    const pg = Math.max(1, Number(url.searchParams.get("page") ?? 1));
    const headers: Record<string, string | number> = { "X-Total-Count": items.length };
    if (pg * size < items.length) {
      const next = new URL(url);
      next.searchParams.set("page", String(pg + 1));
      next.searchParams.set("page_size", String(size));
      headers.Link = `<${next.pathname}${next.search}>; rel="next"`;
    }
    return { items: items.slice((pg - 1) * size, pg * size), headers };
  };
  const projectJson = (x: Project) => ({
    project_id: x.project_id,
    name: x.name,
    owner_id: 1,
    owner_name: "admin",
    creation_time: x.created,
    update_time: x.updated,
    deleted: false,
    repo_count: [...r.repos.values()].filter((q) => q.projectId === x.project_id).length,
    metadata: { public: String(x.public) },
    current_user_role_id: 1,
    current_user_role_ids: [1],
  });
  const findProject = (ref: string) => {
    const byName = url.searchParams.get("X-Is-Resource-Name") === "true" || req.headers["x-is-resource-name"] === "true";
    const x = /^\d+$/.test(ref) && !byName ? [...r.projects.values()].find((q) => q.project_id === Number(ref)) : r.projects.get(ref);
    if (!x) throw new HttpError(404, "NOT_FOUND", `project ${ref} not found`);
    return x;
  };
  let mm: RegExpMatchArray | null;

  // ---- projects ----
  if (p === "/projects" && m === "HEAD") return json(r.projects.has(url.searchParams.get("project_name") ?? "") ? 200 : 404);
  if (p === "/projects" && m === "GET") {
    const name = url.searchParams.get("name");
    let list = [...r.projects.values()];
    if (name) list = list.filter((x) => x.name.includes(name));
    if (!who.admin) list = list.filter((x) => x.public || r.can(who, x.name, "pull"));
    const { items, headers } = page(list);
    return json(200, items.map(projectJson), headers);
  }
  if (p === "/projects" && m === "POST") {
    admin();
    const b = await body(NewProject);
    if (r.projects.has(b.project_name)) throw new HttpError(409, "CONFLICT", `The project named ${b.project_name} already exists`);
    const isPublic = b.public ?? b.metadata?.public === "true";
    const x = r.createProject(b.project_name, isPublic, b.storage_limit ?? -1);
    return json(201, undefined, { Location: `/api/v2.0/projects/${x.project_id}` });
  }
  if ((mm = p.match(/^\/projects\/([^/]+)$/))) {
    const x = findProject(decodeURIComponent(mm[1]));
    if (m === "GET") return json(200, projectJson(x));
    admin();
    if (m === "DELETE") {
      if ([...r.repos.values()].some((q) => q.projectId === x.project_id))
        throw new HttpError(412, "PRECONDITION", `the project contains repositories, can not be deleted`);
      r.projects.delete(x.name);
      return json(200);
    }
    if (m === "PUT") {
      const b = await body(
        z.object({ metadata: z.object({ public: z.string().optional() }).passthrough().optional(), storage_limit: z.number().int().optional() }),
      );
      if (b.metadata?.public !== undefined) x.public = b.metadata.public === "true";
      if (b.storage_limit !== undefined) x.storageLimit = b.storage_limit;
      x.updated = new Date().toISOString();
      return json(200);
    }
  }
  if ((mm = p.match(/^\/projects\/([^/]+)\/summary$/))) {
    const x = findProject(decodeURIComponent(mm[1]));
    return json(200, { repo_count: projectJson(x).repo_count, quota: { hard: { storage: x.storageLimit }, used: { storage: r.usedStorage(x) } } });
  }

  // ---- quotas ----
  if (p === "/quotas" && m === "GET") {
    const refId = url.searchParams.get("reference_id");
    const list = [...r.projects.values()].filter((x) => !refId || String(x.project_id) === refId);
    return json(
      200,
      list.map((x) => ({
        id: x.quotaId,
        ref: { id: x.project_id, name: x.name, owner_name: "admin" },
        hard: { storage: x.storageLimit },
        used: { storage: r.usedStorage(x) },
        creation_time: x.created,
        update_time: x.updated,
      })),
      { "X-Total-Count": list.length },
    );
  }
  if ((mm = p.match(/^\/quotas\/(\d+)$/))) {
    const x = [...r.projects.values()].find((q) => q.quotaId === Number(mm![1]));
    if (!x) throw new HttpError(404, "NOT_FOUND", `quota ${mm[1]} not found`);
    if (m === "GET")
      return json(200, {
        id: x.quotaId,
        ref: { id: x.project_id, name: x.name, owner_name: "admin" },
        hard: { storage: x.storageLimit },
        used: { storage: r.usedStorage(x) },
      });
    if (m === "PUT") {
      admin();
      const b = await body(z.object({ hard: z.object({ storage: z.number().int() }) }));
      x.storageLimit = b.hard.storage;
      return json(200);
    }
  }

  // ---- audit log (what Harbor records per project: who pushed, pulled or deleted what) ----
  if ((mm = p.match(/^\/projects\/([^/]+)\/logs$/)) && m === "GET") {
    const x = findProject(decodeURIComponent(mm[1]));
    if (!r.can(who, x.name, "pull")) throw new HttpError(403, "FORBIDDEN", "forbidden");
    const list = r.auditLogs.filter((l) => l.resource.startsWith(`${x.name}/`) && matchesQuery(url.searchParams.get("q"))(l)).reverse();
    const { items, headers } = page(list);
    return json(200, items, headers);
  }

  // ---- repositories / artifacts / tags ----
  if ((mm = p.match(/^\/projects\/([^/]+)\/repositories(?:\/([^/]+)(\/artifacts(?:\/([^/]+)(\/tags(?:\/([^/]+))?)?)?)?)?$/))) {
    const x = findProject(decodeURIComponent(mm[1]));
    if (!r.can(who, x.name, "pull")) throw new HttpError(403, "FORBIDDEN", "forbidden");
    const repoName = mm[2] && `${x.name}/${decodeURIComponent(decodeURIComponent(mm[2]))}`;
    if (!repoName) {
      const list = [...r.repos.values()].filter((q) => q.projectId === x.project_id);
      const { items, headers } = page(list);
      return json(200, items.map(repoJson), headers);
    }
    const repo = r.repo(repoName);
    if (!repo) throw new HttpError(404, "NOT_FOUND", `repository ${repoName} not found`);
    if (!mm[3]) {
      if (m === "GET") return json(200, repoJson(repo));
      if (m === "DELETE") {
        if (!r.can(who, x.name, "delete")) throw new HttpError(403, "FORBIDDEN", "forbidden");
        r.repos.delete(repoName);
        return json(200);
      }
    }
    if (!mm[4]) {
      const list = [...repo.manifests.values()].sort((a, b) => b.pushed.localeCompare(a.pushed)).map((man) => artifactJson(repo, man));
      const { items, headers } = page(list);
      return json(200, items, headers);
    }
    const ref = decodeURIComponent(mm[4]);
    const digest = ref.startsWith("sha256:") ? ref : repo.tags.get(ref)?.digest;
    const man = digest && repo.manifests.get(digest);
    if (!man) throw new HttpError(404, "NOT_FOUND", `artifact ${repoName}@${ref} not found`);
    if (!mm[5]) {
      if (m === "GET") return json(200, artifactJson(repo, man));
      if (m === "DELETE") {
        if (!r.can(who, x.name, "delete")) throw new HttpError(403, "FORBIDDEN", "forbidden");
        repo.manifests.delete(man.digest);
        for (const [t, v] of repo.tags) if (v.digest === man.digest) repo.tags.delete(t);
        return json(200);
      }
    }
    if (!r.can(who, x.name, "push")) throw new HttpError(403, "FORBIDDEN", "forbidden");
    if (m === "GET") return json(200, artifactJson(repo, man).tags);
    if (m === "POST" && !mm[6]) {
      const b = await body(z.object({ name: z.string().regex(/^[\w][\w.-]{0,127}$/) }));
      if (repo.tags.has(b.name)) throw new HttpError(409, "CONFLICT", `tag ${b.name} already exists`);
      repo.tags.set(b.name, { digest: man.digest, pushed: new Date().toISOString(), id: r.nextId() });
      return json(201);
    }
    if (m === "DELETE" && mm[6]) {
      const t = decodeURIComponent(mm[6]);
      if (repo.tags.get(t)?.digest !== man.digest) throw new HttpError(404, "NOT_FOUND", `tag ${t} not found`);
      repo.tags.delete(t);
      r.audit(who.user, "delete", "tag", `${repoName}:${t}`);
      return json(200);
    }
  }

  // ---- robot accounts ----
  if (p === "/robots" && m === "GET") {
    admin();
    const { items, headers } = page([...r.robots.values()].filter(matchesQuery(url.searchParams.get("q"))));
    return json(200, items.map(robotJson), headers);
  }
  if (p === "/robots" && m === "POST") {
    admin();
    const b = await body(NewRobot);
    const ns = b.level === "project" ? b.permissions[0].namespace : "";
    const full = b.level === "project" ? `robot$${ns}+${b.name}` : `robot$${b.name}`;
    if ([...r.robots.values()].some((x) => x.name === full)) throw new HttpError(409, "CONFLICT", `robot account ${full} already exists`);
    for (const perm of b.permissions)
      if (perm.namespace !== "*" && !r.projects.has(perm.namespace)) throw new HttpError(404, "NOT_FOUND", `project ${perm.namespace} not found`);
    const rb = {
      id: r.nextId(),
      name: full,
      secret: randomBytes(16).toString("hex"),
      level: b.level,
      permissions: b.permissions,
      created: new Date().toISOString(),
      expiresAt: b.duration < 0 ? -1 : Math.floor(Date.now() / 1000) + b.duration * 86400,
      description: b.description,
      disable: !!b.disable,
    };
    r.robots.set(rb.id, rb);
    return json(
      201,
      { id: rb.id, name: rb.name, secret: rb.secret, creation_time: rb.created, expires_at: rb.expiresAt },
      { Location: `/api/v2.0/robots/${rb.id}` },
    );
  }
  if ((mm = p.match(/^\/robots\/(\d+)$/))) {
    admin();
    const rb = r.robots.get(Number(mm[1]));
    if (!rb) throw new HttpError(404, "NOT_FOUND", `robot ${mm[1]} not found`);
    if (m === "GET") return json(200, robotJson(rb));
    // RefreshSec (src/server/v2.0/handler/robot.go): an empty secret asks Harbor for a new random one,
    // answered once; a given one must be 8–128 characters with an upper-case letter, a lower-case one and a digit.
    if (m === "PATCH") {
      const b = await body(z.object({ secret: z.string().default("") }));
      if (b.secret && !(b.secret.length >= 8 && b.secret.length <= 128 && /[A-Z]/.test(b.secret) && /[a-z]/.test(b.secret) && /\d/.test(b.secret)))
        throw new HttpError(
          400,
          "BAD_REQUEST",
          "the secret must be 8-128, inclusively, characters long with at least 1 uppercase letter, 1 lowercase letter and 1 number",
        );
      rb.secret = b.secret || randomBytes(16).toString("hex");
      return json(200, { secret: b.secret ? "" : rb.secret });
    }
    if (m === "DELETE") {
      r.robots.delete(rb.id);
      return json(200);
    }
  }
  throw new HttpError(404, "NOT_FOUND", `no route for ${m} ${url.pathname}`);

  function repoJson(q: Repo) {
    return {
      id: q.id,
      project_id: q.projectId,
      name: q.name,
      artifact_count: q.manifests.size,
      pull_count: q.pulls,
      creation_time: q.created,
      update_time: q.updated,
      description: "",
    };
  }
}

/** The fields of an OCI image manifest or image index read here (image-spec manifest.md, image-index.md). */
interface ManifestDoc {
  config?: { mediaType?: string; size?: number };
  layers?: { size?: number }[];
  manifests?: { digest?: string; platform?: unknown }[];
}

function artifactJson(repo: Repo, man: { digest: string; mediaType: string; body: Buffer; pushed: string; id: number }) {
  let doc: ManifestDoc = {};
  try {
    doc = JSON.parse(man.body.toString());
  } catch {
    /* opaque */
  }
  const size = man.body.length + [doc.config, ...(doc.layers ?? [])].filter(Boolean).reduce((a: number, d) => a + (d!.size ?? 0), 0);
  return {
    id: man.id,
    digest: man.digest,
    size,
    media_type: doc.config?.mediaType ?? man.mediaType,
    manifest_media_type: man.mediaType,
    push_time: man.pushed,
    pull_time: man.pushed,
    project_id: repo.projectId,
    repository_id: repo.id,
    type: doc.manifests ? "IMAGE" : "IMAGE",
    tags: [...repo.tags]
      .filter(([, v]) => v.digest === man.digest)
      .map(([name, v]) => ({ id: v.id, name, push_time: v.pushed, pull_time: v.pushed, repository_id: repo.id, artifact_id: man.id, immutable: false })),
    references: (doc.manifests ?? []).map((x) => ({ child_digest: x.digest, platform: x.platform })),
  };
}

/** Harbor's `q` filter, the subset used here: comma-separated `key=value` (exact) and `key=~value` (contains). */
function matchesQuery(q: string | null): (x: object) => boolean {
  const terms = (q ?? "")
    .split(",")
    .filter(Boolean)
    .map((t) => t.match(/^(\w+)=(~?)(.*)$/))
    .filter((t) => t !== null);
  return (x) =>
    terms.every(([, key, fuzzy, value]) => {
      const field = String((x as Record<string, unknown>)[key] ?? "");
      return fuzzy ? field.includes(value) : field === value;
    });
}

function robotJson(rb: {
  id: number;
  name: string;
  level: string;
  permissions: RobotPermission[];
  created: string;
  expiresAt: number;
  description?: string;
  disable: boolean;
}) {
  return {
    id: rb.id,
    name: rb.name,
    level: rb.level,
    permissions: rb.permissions,
    creation_time: rb.created,
    update_time: rb.created,
    expires_at: rb.expiresAt,
    description: rb.description ?? "",
    disable: rb.disable,
    editable: true,
    duration: -1,
  };
}
