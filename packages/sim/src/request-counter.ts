// Requests served, by verb and resource, like kube-apiserver's apiserver_request_total: lets a bench
// say how many calls a resync makes, and lets tests assert that a converged fleet is left alone.
export class RequestCounter {
  private counts = new Map<string, number>();

  count(key: string) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Counts so far, by key; compare two to get the calls in between. */
  snapshot(): Map<string, number> {
    return new Map(this.counts);
  }
}

/** "WATCH pods", "PATCH deployments", "GET namespaces": the verb and resource of a Kubernetes API path. */
export function kubeRequestKey(method: string, url: URL): string {
  const resource = url.pathname.match(/^(?:\/api\/v1|\/apis\/[^/]+\/[^/]+)(?:\/namespaces\/[^/]+)?\/([^/]+)/)?.[1] ?? url.pathname;
  const verb = method === "GET" && url.searchParams.get("watch") === "true" ? "WATCH" : method;
  return `${verb} ${resource}`;
}

/** "GET projects/*\/robots": the method and the Harbor API path with names left out; "GET oci" for the registry API. */
export function harborRequestKey(method: string, url: URL): string {
  if (!url.pathname.startsWith("/api/v2.0/")) return `${method} oci`;
  const parts = url.pathname.slice("/api/v2.0/".length).split("/").filter(Boolean);
  return `${method} ${parts.map((p, i) => (i % 2 ? "*" : p)).join("/")}`;
}
