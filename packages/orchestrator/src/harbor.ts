// The Harbor REST API (v2.0) calls Capstan needs: one project per system, in each data centre's Harbor,
// and a pull-only robot account per project for the clusters of that data centre.
import http from "node:http";
import https from "node:https";
import { guardAgent, logOutboundFailure, outboundPolicy, type OutboundPolicy } from "./outbound";

/** The largest Harbor answer Capstan reads, in bytes. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export interface Robot {
  id: number;
  name: string;
  secret: string;
}

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
    const url = new URL(`${this.base.pathname.replace(/\/$/, "")}/api/v2.0${path}`, this.base);
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
            resolve(new Response(bodyless ? null : Buffer.concat(chunks), { status: status >= 200 && status <= 599 ? status : 502 }));
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

  /** Whether the repository has this tag; throws when Harbor cannot say (unreachable, refusing). */
  async hasTag(project: string, repository: string, tag: string, timeoutMs = 2_000): Promise<boolean> {
    const res = await this.call(
      "GET",
      `/projects/${encodeURIComponent(project)}/repositories/${encodeURIComponent(repository)}/artifacts/${encodeURIComponent(tag)}`,
      undefined,
      timeoutMs,
    );
    if (res.status === 404) return false;
    if (!res.ok) throw await this.refused(`the tag check`, res);
    return true;
  }

  /** Tags of a repository, newest push first, with the digest each points at; empty when the repository does not exist. */
  async listTags(project: string, repository: string): Promise<{ tag: string; digest: string; pushedAt: string }[]> {
    const res = await this.call(
      "GET",
      `/projects/${encodeURIComponent(project)}/repositories/${encodeURIComponent(repository)}/artifacts?with_tag=true&page_size=100&sort=-push_time`,
    );
    if (res.status === 404) return [];
    if (!res.ok) throw await this.refused(`listing ${project}/${repository}`, res);
    const artifacts = (await res.json()) as { digest: string; tags: { name: string; push_time: string }[] | null }[];
    return artifacts
      .flatMap((a) => (a.tags ?? []).map((t) => ({ tag: t.name, digest: a.digest, pushedAt: t.push_time })))
      .sort((a, b) => b.pushedAt.localeCompare(a.pushedAt));
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
    const body = {
      name,
      level: "project",
      duration: 1,
      description: "Capstan: one image build's push",
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
