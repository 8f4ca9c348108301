// The Harbor REST API (v2.0) calls Capstan needs: one project per system, in each data centre's Harbor,
// and a pull-only robot account per project for the clusters of that data centre.
export interface Robot {
  id: number;
  name: string;
  secret: string;
}

export class HarborClient {
  private readonly auth: string;

  constructor(
    private readonly url: string,
    username: string,
    password: string,
  ) {
    this.auth = "Basic " + Buffer.from(`${username}:${password}`).toString("base64");
  }

  private async call(method: string, path: string, body?: unknown, timeoutMs = 10_000, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(new URL(`/api/v2.0${path}`, this.url), {
      method,
      headers: { authorization: this.auth, ...(body ? { "content-type": "application/json" } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  /** Creates the project if it is missing; private, so pulls need credentials. */
  async ensureProject(name: string): Promise<void> {
    const head = await this.call("HEAD", `/projects?project_name=${encodeURIComponent(name)}`);
    if (head.ok) return;
    const res = await this.call("POST", "/projects", { project_name: name, metadata: { public: "false" } });
    if (!res.ok && res.status !== 409) throw new Error(`Harbor refused to create project ${name}: ${res.status} ${await res.text()}`);
  }

  /** Whether the repository has this tag; throws when Harbor cannot say (unreachable, refusing). */
  async hasTag(project: string, repository: string, tag: string, timeoutMs = 2_000): Promise<boolean> {
    const res = await this.call("GET", `/projects/${encodeURIComponent(project)}/repositories/${encodeURIComponent(repository)}/artifacts/${encodeURIComponent(tag)}`, undefined, timeoutMs);
    if (res.status === 404) return false;
    if (!res.ok) throw new Error(`Harbor answered ${res.status}`);
    return true;
  }

  /** Tags of a repository, newest push first, with the digest each points at; empty when the repository does not exist. */
  async listTags(project: string, repository: string): Promise<{ tag: string; digest: string; pushedAt: string }[]> {
    const res = await this.call("GET", `/projects/${encodeURIComponent(project)}/repositories/${encodeURIComponent(repository)}/artifacts?with_tag=true&page_size=100&sort=-push_time`);
    if (res.status === 404) return [];
    if (!res.ok) throw new Error(`Harbor refused to list ${project}/${repository}: ${res.status} ${await res.text()}`);
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
    if (res.status !== 201) throw new Error(`Harbor refused to create robot ${name} in ${project}: ${res.status} ${await res.text()}`);
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

  /** Deletes every robot of this full name (robot$project+name); none is fine. */
  async deleteRobot(fullName: string): Promise<void> {
    const res = await this.call("GET", `/robots?q=${encodeURIComponent(`name=${fullName}`)}&page_size=100`);
    if (!res.ok) throw new Error(`Harbor refused to list robots: ${res.status} ${await res.text()}`);
    for (const r of (await res.json()) as { id: number; name: string }[]) {
      if (r.name !== fullName) continue;
      const del = await this.call("DELETE", `/robots/${r.id}`);
      if (!del.ok && del.status !== 404) throw new Error(`Harbor refused to delete robot ${fullName}: ${del.status}`);
    }
  }
}
