// The Harbor REST API (v2.0) calls Capstan needs: one project per system, in each data centre's Harbor,
// and a pull-only robot account per project for the clusters of that data centre.
import http from "node:http";
import https from "node:https";
import { guardAgent, logOutboundFailure, outboundPolicy, type OutboundPolicy } from "./outbound";

/** The largest Harbor answer Capstan reads, in bytes. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** The manifest media types a pull accepts (OCI image-spec media-types.md; Docker's manifest v2 schema 2). */
const MANIFEST_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json",
];

export interface Robot {
  id: number;
  name: string;
  secret: string;
}

/** A robot account as Harbor lists it, without its secret. */
export interface HarborRobot {
  id: number;
  /** The full name, robot$<project>+<name>: what `docker login` takes as the user name. */
  name: string;
  description: string;
  /** ISO 8601. */
  createdAt: string;
  /** Unix seconds; -1 for never. */
  expiresAt: number;
  /** "resource:action" in the robot's project, e.g. "repository:push". */
  permissions: string[];
}

/** Whether a path (its query aside) has a "." or ".." segment, which URL parsing would resolve (WHATWG URL: also "%2e"). */
export const hasDotSegment = (path: string) =>
  path
    .split("?")[0]!
    .split("/")
    .some((s) => /^(\.|%2e){1,2}$/i.test(s));

/** The next page's path (under /api/v2.0) from a Link header (RFC 8288), or null on the last page. */
export function nextPage(link: string | null): string | null {
  const next = (link ?? "").split(",").find((part) => /;\s*rel="?next"?/.test(part));
  const target = next?.match(/<([^>]+)>/)?.[1];
  if (!target) return null;
  const path = new URL(target, "http://harbor").pathname + new URL(target, "http://harbor").search;
  return path.replace(/^.*?\/api\/v2\.0/, "");
}

/** A project-level robot that may push and pull the project's repositories; `durationDays` -1 never expires (Harbor's robot API). */
const pushRobotBody = (project: string, name: string, description: string, durationDays: number) => ({
  name,
  level: "project",
  duration: durationDays,
  description,
  permissions: [
    {
      kind: "project",
      namespace: project,
      access: [
        { resource: "repository", action: "push" },
        { resource: "repository", action: "pull" },
      ],
    },
  ],
});

export class HarborClient {
  private readonly auth: string;
  private readonly base: URL;

  /** `url` is Harbor's base URL (a path prefix is kept); every call obeys `policy`. */
  constructor(
    url: string,
    username: string,
    password: string,
    private readonly policy: OutboundPolicy = outboundPolicy(),
  ) {
    this.base = new URL(url);
    this.auth = "Basic " + Buffer.from(`${username}:${password}`).toString("base64");
  }

  /**
   * One Harbor API call over node:http(s), through an agent that connects only to the Harbor URL's host
   * and only to addresses the outbound policy allows. Redirects are not followed (node:http never
   * does): a 3xx is returned like any other status, and callers treat it as a failure, so the Basic
   * credentials never follow a redirect elsewhere.
   */
  private async call(method: string, path: string, body?: unknown, timeoutMs = 10_000, headers: Record<string, string> = {}): Promise<Response> {
    // A "." or ".." segment (a tag or name of ".." encodes to itself) would be resolved away by URL parsing,
    // and a DELETE of a tag become one of its repository: never sent.
    if (hasDotSegment(path)) throw new Error(`refusing a Harbor path with a "." or ".." segment: ${path.split("?")[0]}`);
    // Paths under /v2/ are the OCI Distribution API, which Harbor serves beside its REST API.
    const url = new URL(`${this.base.pathname.replace(/\/$/, "")}${path.startsWith("/v2/") ? "" : "/api/v2.0"}${path}`, this.base);
    const payload = body ? JSON.stringify(body) : undefined;
    return new Promise((resolve, reject) => {
      const req = (url.protocol === "https:" ? https : http).request(
        url,
        {
          method,
          agent: guardAgent(url.protocol === "https:" ? new https.Agent() : new http.Agent(), this.base, this.policy),
          headers: { authorization: this.auth, accept: "application/json", ...(payload ? { "content-type": "application/json" } : {}), ...headers },
          signal: AbortSignal.timeout(timeoutMs),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (c: Buffer) => {
            chunks.push(c);
            // A registry answer Capstan reads is a page of 100 artifacts at most; more is not Harbor.
            if ((size += c.length) > MAX_ANSWER_BYTES) req.destroy(new Error(`the registry's answer exceeded ${MAX_ANSWER_BYTES} bytes`));
          });
          res.on("error", reject);
          res.on("end", () => {
            const status = res.statusCode ?? 500;
            // Response cannot carry a body with 204/304, nor be made with a status outside 200–599.
            const bodyless = method === "HEAD" || status === 204 || status === 304;
            // Headers go along: lists say where their next page is in `Link`.
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers)) if (typeof value === "string") headers.set(name, value);
            resolve(new Response(bodyless ? null : Buffer.concat(chunks), { status: status >= 200 && status <= 599 ? status : 502, headers }));
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  /** A failure fit for people: the status only; Harbor's body goes to the server log, truncated. */
  private async refused(what: string, res: Response): Promise<Error> {
    logOutboundFailure(`Harbor ${what}`, `${res.status} ${await res.text().catch(() => "")}`);
    return Object.assign(new Error(`the registry answered ${res.status} to ${what}`), { status: res.status });
  }

  /** Makes the project exist and be private (pulls need credentials): creates it, or makes an existing public one private. Throws when Harbor refuses. */
  async ensureProject(name: string): Promise<void> {
    // Level-triggered: the project exists *and is private*. A project made before its system (by hand,
    // or by another tool) may be public; leaving it so would publish the system's images.
    const path = `/projects/${encodeURIComponent(name)}`;
    const byName = { "X-Is-Resource-Name": "true" }; // Harbor reads an all-digit name as an id without it
    const found = await this.call("GET", path, undefined, undefined, byName);
    if (found.status === 404) {
      const res = await this.call("POST", "/projects", { project_name: name, metadata: { public: "false" } });
      if (!res.ok && res.status !== 409) throw await this.refused(`creating project ${name}`, res);
      return;
    }
    if (!found.ok) throw await this.refused(`reading project ${name}`, found);
    const project = (await found.json()) as { metadata?: { public?: string } };
    if (project.metadata?.public !== "true") return;
    const res = await this.call("PUT", path, { metadata: { public: "false" } }, undefined, byName);
    if (!res.ok) throw await this.refused(`making project ${name} private`, res);
  }

  /**
   * The digest (`sha256:…`) a tag (or digest) of `project/repository` resolves to, as a pull would
   * resolve it: a HEAD of the manifest through the OCI Distribution API (distribution-spec "Checking if
   * content exists"), accepting image indexes and manifests, OCI and Docker, so a multi-platform tag
   * gives its index's digest, which is what a kubelet pulls. Null when the registry has no such tag or
   * digest; throws when it cannot say (unreachable, refusing, no digest header) within `timeoutMs`.
   * Harbor accepts the same Basic credentials on /v2 as on its REST API.
   */
  async manifestDigest(project: string, repository: string, reference: string, timeoutMs = 2_000): Promise<string | null> {
    const res = await this.call(
      "HEAD",
      `/v2/${encodeURIComponent(project)}/${encodeURIComponent(repository)}/manifests/${encodeURIComponent(reference)}`,
      undefined,
      timeoutMs,
      {
        accept: MANIFEST_TYPES.join(", "),
      },
    );
    if (res.status === 404) return null;
    if (!res.ok) throw await this.refused(`the manifest check`, res);
    const digest = res.headers.get("docker-content-digest");
    if (!digest || !/^sha256:[a-f0-9]{64}$/.test(digest)) throw new Error("the registry gave no sha256 Docker-Content-Digest for the manifest");
    return digest;
  }

  /**
   * Every page of a Harbor list, following the `Link: <…>; rel="next"` header Harbor sends while more
   * pages remain (pages of 100, Harbor's largest). `path` is under /api/v2.0 and carries its own query.
   * Resolves to null when the first page is a 404 (e.g. no such repository).
   */
  private async listAll<T>(path: string, what: string): Promise<T[] | null> {
    const out: T[] = [];
    let next: string | null = path;
    for (let pages = 0; next; pages++) {
      // A registry that always says "next" must not hold the caller forever: 1,000 pages is 100,000 items.
      if (pages === 1000) throw new Error(`Harbor kept paging ${what}`);
      const res = await this.call("GET", next);
      if (res.status === 404 && pages === 0) return null;
      if (!res.ok) throw await this.refused(what, res);
      out.push(...((await res.json()) as T[]));
      next = nextPage(res.headers.get("link"));
    }
    return out;
  }

  /**
   * Tags of a repository, newest push first, each with the digest it points at and the artifact's size in
   * bytes (manifest, config and layers, as Harbor counts it); every page is read. Empty when the
   * repository does not exist.
   */
  async listTags(project: string, repository: string): Promise<{ tag: string; digest: string; pushedAt: string; size: number }[]> {
    const artifacts = await this.listAll<{ digest: string; size?: number; tags: { name: string; push_time: string }[] | null }>(
      `/projects/${encodeURIComponent(project)}/repositories/${encodeURIComponent(repository)}/artifacts?with_tag=true&page_size=100&sort=-push_time`,
      `listing ${project}/${repository}`,
    );
    return (artifacts ?? [])
      .flatMap((a) => (a.tags ?? []).map((t) => ({ tag: t.name, digest: a.digest, pushedAt: t.push_time, size: a.size ?? 0 })))
      .sort((a, b) => b.pushedAt.localeCompare(a.pushedAt));
  }

  /**
   * Who pushed each tag of a repository, from the project's audit log (Harbor records the account of every
   * push as operation "create" on resource "<project>/<repository>:<tag>"): tag → user or robot name, the
   * latest push winning. Reads the newest `maxPages` pages of 100; older pushes are not named.
   */
  async pushers(project: string, repository: string, maxPages = 5): Promise<Map<string, string>> {
    const prefix = `${project}/${repository}:`;
    const q = encodeURIComponent(`operation=create,resource=~${prefix}`);
    const out = new Map<string, string>();
    for (let page = 1; page <= maxPages; page++) {
      const res = await this.call("GET", `/projects/${encodeURIComponent(project)}/logs?q=${q}&sort=-op_time&page_size=100&page=${page}`);
      if (res.status === 404) return out;
      if (!res.ok) throw await this.refused(`reading the audit log of ${project}`, res);
      const logs = (await res.json()) as { username: string; resource: string }[];
      for (const l of logs)
        if (l.resource.startsWith(prefix) && !out.has(l.resource.slice(prefix.length))) out.set(l.resource.slice(prefix.length), l.username);
      if (!nextPage(res.headers.get("link"))) break;
    }
    return out;
  }

  /** Removes one tag (the artifact stays, under its digest and other tags). Throws when Harbor refuses; a missing tag is fine. */
  async deleteTag(project: string, repository: string, tag: string): Promise<void> {
    const t = encodeURIComponent(tag);
    const res = await this.call("DELETE", `/projects/${encodeURIComponent(project)}/repositories/${encodeURIComponent(repository)}/artifacts/${t}/tags/${t}`);
    if (!res.ok && res.status !== 404) throw await this.refused(`deleting tag ${repository}:${tag}`, res);
  }

  /**
   * A project's robots (every page): id, full name (robot$project+name), permissions as "resource:action",
   * description, creation time and expiry (Unix seconds, -1 for never). Never their secrets (Harbor keeps
   * only a hash).
   */
  async listRobots(project: string): Promise<HarborRobot[]> {
    const prefix = `robot$${project}+`;
    const robots = await this.listAll<{
      id: number;
      name: string;
      description?: string;
      creation_time: string;
      expires_at: number;
      permissions?: { namespace: string; access?: { resource: string; action: string }[] }[];
    }>(`/robots?q=${encodeURIComponent(`name=~${prefix}`)}&page_size=100`, "listing robots");
    return (robots ?? [])
      .filter((r) => r.name.startsWith(prefix))
      .map((r) => ({
        id: r.id,
        name: r.name,
        description: r.description ?? "",
        createdAt: r.creation_time,
        expiresAt: r.expires_at,
        permissions: (r.permissions ?? []).filter((p) => p.namespace === project).flatMap((p) => (p.access ?? []).map((a) => `${a.resource}:${a.action}`)),
      }));
  }

  /**
   * Creates a project-level robot that may push to and pull from `project` only, and never expires.
   * Resolves to its secret, which Harbor shows only in this answer; null when a robot of that name exists
   * already (Harbor's 409). Throws on any other refusal.
   */
  async createPushRobot(project: string, name: string, description: string): Promise<Robot | null> {
    const res = await this.call("POST", "/robots", pushRobotBody(project, name, description, -1));
    if (res.status === 409) return null;
    if (res.status !== 201) throw await this.refused(`creating robot ${name} in ${project}`, res);
    const robot = (await res.json()) as Robot;
    return { id: robot.id, name: robot.name, secret: robot.secret };
  }

  /**
   * Gives robot `id` a new secret that Harbor generates, and resolves to it: the old one stops working at
   * once. Harbor 2.x RefreshSec: `PATCH /robots/{id}` with an empty `secret` (a non-empty one would be
   * set as given). Throws when Harbor refuses (404 when the robot is gone).
   */
  async refreshRobotSecret(id: number): Promise<string> {
    const res = await this.call("PATCH", `/robots/${id}`, { secret: "" });
    if (!res.ok) throw await this.refused(`refreshing robot ${id}`, res);
    const { secret } = (await res.json()) as { secret?: string };
    if (!secret) throw new Error(`Harbor answered no secret for robot ${id}`);
    return secret;
  }

  /**
   * Creates a project-level robot that may only pull from `project`. Harbor shows the secret only now,
   * so a robot of the same name left behind (created, then lost before its secret was stored) is
   * deleted and made again.
   */
  async createPullRobot(project: string, name: string): Promise<Robot> {
    const body = {
      name,
      level: "project",
      duration: -1,
      description: "Capstan: image pulls for the system's pods",
      permissions: [{ kind: "project", namespace: project, access: [{ resource: "repository", action: "pull" }] }],
    };
    let res = await this.call("POST", "/robots", body);
    if (res.status === 409) {
      await this.deleteRobot(`robot$${project}+${name}`);
      res = await this.call("POST", "/robots", body);
    }
    if (res.status !== 201) throw await this.refused(`creating robot ${name} in ${project}`, res);
    const robot = (await res.json()) as Robot;
    return { id: robot.id, name: robot.name, secret: robot.secret };
  }

  /**
   * Creates a project-level robot that may push to (and pull from) `project`, for one build: it expires
   * after a day (Harbor's shortest duration) and is deleted when the build ends (docs/builds.md). A robot of
   * the same name left behind is replaced, as in createPullRobot.
   */
  async createBuildRobot(project: string, name: string): Promise<Robot> {
    const body = pushRobotBody(project, name, "Capstan: one image build's push", 1);
    let res = await this.call("POST", "/robots", body);
    if (res.status === 409) {
      await this.deleteRobot(`robot$${project}+${name}`);
      res = await this.call("POST", "/robots", body);
    }
    if (res.status !== 201) throw await this.refused(`creating robot ${name} in ${project}`, res);
    const robot = (await res.json()) as Robot;
    return { id: robot.id, name: robot.name, secret: robot.secret };
  }

  /**
   * Deletes a project that holds no repositories. Harbor refuses to delete one that does (412), and then the
   * project is kept: images are the teams' work, and only people delete them. Resolves to what happened.
   */
  async deleteProjectIfEmpty(name: string): Promise<"deleted" | "kept" | "absent"> {
    const res = await this.call("DELETE", `/projects/${encodeURIComponent(name)}`, undefined, undefined, { "x-is-resource-name": "true" });
    if (res.ok) return "deleted";
    if (res.status === 404) return "absent";
    if (res.status === 412) return "kept";
    throw new Error(`Harbor refused to delete project ${name}: ${res.status}`);
  }

  /**
   * Whether Harbor still has robot `id` under this full name (robot$project+name). Robot ids are
   * Harbor's row ids: after Harbor is reinstalled, the same id may be another project's robot.
   */
  async hasRobot(id: number, fullName: string): Promise<boolean> {
    const res = await this.call("GET", `/robots/${id}`);
    if (res.status === 404) return false;
    if (!res.ok) throw await this.refused(`reading robot ${fullName}`, res);
    return ((await res.json()) as { name?: string }).name === fullName;
  }

  /** Deletes every robot of this full name (robot$project+name); none is fine. */
  async deleteRobot(fullName: string): Promise<void> {
    const res = await this.call("GET", `/robots?q=${encodeURIComponent(`name=${fullName}`)}&page_size=100`);
    if (!res.ok) throw await this.refused("listing robots", res);
    for (const r of (await res.json()) as { id: number; name: string }[]) {
      if (r.name !== fullName) continue;
      const del = await this.call("DELETE", `/robots/${r.id}`);
      if (!del.ok && del.status !== 404) throw await this.refused(`deleting robot ${fullName}`, del);
    }
  }
}
