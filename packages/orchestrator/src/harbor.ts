// The Harbor REST API (v2.0) calls Capstan needs: one project per system, in each data centre's Harbor.
export class HarborClient {
  private readonly auth: string;

  constructor(
    private readonly url: string,
    username: string,
    password: string,
  ) {
    this.auth = "Basic " + Buffer.from(`${username}:${password}`).toString("base64");
  }

  private async call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(new URL(`/api/v2.0${path}`, this.url), {
      method,
      headers: { authorization: this.auth, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
  }

  /** Creates the project if it is missing; private, so pulls need credentials. */
  async ensureProject(name: string): Promise<void> {
    const head = await this.call("HEAD", `/projects?project_name=${encodeURIComponent(name)}`);
    if (head.ok) return;
    const res = await this.call("POST", "/projects", { project_name: name, metadata: { public: "false" } });
    if (!res.ok && res.status !== 409) throw new Error(`Harbor refused to create project ${name}: ${res.status} ${await res.text()}`);
  }
}
