// Copies an image between two registries through the OCI Distribution API (distribution-spec v1.1,
// "spec.md": pull, push, cross-repository blob mount), preserving its digest: the manifest's bytes are
// put unchanged, so the target computes the same sha256. Blobs are streamed from source to target,
// never held whole in memory. An image index (multi-arch) is copied with each of its child manifests
// first, as a registry refuses an index whose children it does not have. Used by promotion
// (packages/usecases/src/images/promote-image.ts) and by anything in the worker that promotes.
import { createHash } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { closedWhileIdle, markReused } from "./keep-alive";
import { guardAgent, outboundPolicy, type OutboundPolicy } from "./outbound";

/** A registry and the credentials to use there (HTTP Basic; Harbor accepts them on /v2/). */
export interface RegistryEndpoint {
  /** The registry's base URL, e.g. "https://harbor.dc1.example.com". */
  url: string;
  username: string;
  password: string;
}

/** What a copy did: the digest it preserved, and how many blobs it sent, mounted or found already there. */
export interface CopyResult {
  digest: string;
  mediaType: string;
  /** Bytes of blobs streamed to the target (blobs it already had, or mounted, are not counted). */
  bytesSent: number;
  blobsSent: number;
  blobsMounted: number;
  blobsPresent: number;
}

/** A copy that failed: `status` is the registry's HTTP status when it answered one. */
export class RegistryCopyError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "RegistryCopyError";
  }
}

/** The manifest media types asked for (OCI image-spec and Docker schema 2, single and multi-arch). */
const MANIFEST_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json",
];
const INDEX_TYPES = new Set([MANIFEST_TYPES[0], MANIFEST_TYPES[2]]);

/** How long a call may go without any byte moving, in milliseconds, before it is aborted. */
const IDLE_TIMEOUT_MS = 30_000;
/** The largest manifest read, in bytes (distribution's default limit is 4 MiB). */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

const sha256 = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

/** One registry's /v2/ endpoint, with the outbound policy's guarded agents and Basic credentials. */
class Registry {
  private readonly base: URL;
  private readonly auth: string;
  /** Kept-alive connections for requests whose body can be sent again (none, or a Buffer). */
  private readonly agent: http.Agent;
  /** A new connection per request for streamed bodies, which cannot be sent twice: no idle race to lose. */
  private readonly once: http.Agent;

  constructor(
    endpoint: RegistryEndpoint,
    policy: OutboundPolicy,
    private readonly signal?: AbortSignal,
  ) {
    this.base = new URL(endpoint.url);
    this.auth = "Basic " + Buffer.from(`${endpoint.username}:${endpoint.password}`).toString("base64");
    const secure = this.base.protocol === "https:";
    this.agent = guardAgent(secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true }), this.base, policy);
    this.once = guardAgent(secure ? new https.Agent() : new http.Agent(), this.base, policy);
  }

  /** An absolute URL under /v2/, or a Location header resolved against the registry. */
  url(path: string): URL {
    return new URL(path.startsWith("/v2/") || /^https?:/.test(path) ? path : `/v2/${path}`, this.base);
  }

  /**
   * Starts a request; the answer's body is left unread (callers read or stream it). Redirects are not
   * followed. A request the registry never saw, because it closed the kept-alive connection we reused, is
   * sent once more on a new one (./keep-alive.ts); a streamed body always goes on a connection of its own.
   */
  async request(method: string, url: URL, headers: Record<string, string | number> = {}, body?: Buffer | NodeJS.ReadableStream): Promise<http.IncomingMessage> {
    if (url.host !== this.base.host) throw new RegistryCopyError(`the registry sent us to another host (${url.host})`);
    if (body && !Buffer.isBuffer(body)) return this.send(method, url, headers, body, this.once);
    try {
      return await this.send(method, url, headers, body, this.agent);
    } catch (e) {
      if (!closedWhileIdle(e)) throw e;
      return this.send(method, url, headers, body, this.once);
    }
  }

  /** One attempt; a failure carries `reusedSocket`, whether it went on a kept-alive connection. */
  private send(
    method: string,
    url: URL,
    headers: Record<string, string | number>,
    body: Buffer | NodeJS.ReadableStream | undefined,
    agent: http.Agent,
  ): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = (url.protocol === "https:" ? https : http).request(url, {
        method,
        agent,
        headers: { authorization: this.auth, ...headers },
        signal: this.signal,
      });
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new RegistryCopyError(`${method} ${url.pathname}: no progress within ${IDLE_TIMEOUT_MS / 1000} s`)));
      req.on("response", resolve);
      req.on("error", (e) => reject(markReused(e, req.reusedSocket)));
      if (body && !Buffer.isBuffer(body)) {
        body.on("error", (e) => req.destroy(e as Error));
        body.pipe(req);
      } else req.end(body);
    });
  }

  /** Reads an answer's body whole, up to `limit` bytes. */
  static read(res: http.IncomingMessage, limit = MAX_MANIFEST_BYTES): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        if ((size += c.length) > limit) res.destroy(new RegistryCopyError(`the registry's answer exceeded ${limit} bytes`));
        else chunks.push(c);
      });
      res.on("end", () => resolve(Buffer.concat(chunks)));
      res.on("error", reject);
    });
  }

  /** Fails with the status (the body goes nowhere: it may echo what we sent). */
  static async refused(what: string, res: http.IncomingMessage): Promise<never> {
    res.resume();
    throw new RegistryCopyError(`the registry answered ${res.statusCode} to ${what}`, res.statusCode);
  }
}

/** A manifest as read: its exact bytes (what the digest is of), media type and parsed content. */
interface Manifest {
  body: Buffer;
  mediaType: string;
  digest: string;
  doc: { mediaType?: string; config?: { digest: string; size: number }; layers?: { digest: string; size: number }[]; manifests?: { digest: string }[] };
}

async function getManifest(reg: Registry, repository: string, reference: string): Promise<Manifest> {
  const res = await reg.request("GET", reg.url(`${repository}/manifests/${reference}`), { accept: MANIFEST_TYPES.join(", ") });
  if (res.statusCode !== 200) return Registry.refused(`reading ${repository}:${reference}`, res);
  const body = await Registry.read(res);
  const digest = sha256(body);
  // The registry's claim and the bytes must agree, or the copy would not be the same image.
  const claimed = res.headers["docker-content-digest"];
  if ((claimed && claimed !== digest) || (reference.startsWith("sha256:") && reference !== digest))
    throw new RegistryCopyError(`the manifest of ${repository}:${reference} does not match its digest`);
  let doc: Manifest["doc"];
  try {
    doc = JSON.parse(body.toString("utf8")) as Manifest["doc"];
  } catch {
    throw new RegistryCopyError(`the manifest of ${repository}:${reference} is not JSON`);
  }
  const mediaType = doc.mediaType ?? String(res.headers["content-type"] ?? "").split(";")[0]!;
  return { body, mediaType, digest, doc };
}

/**
 * Makes the target hold one blob: already there (HEAD), mounted from the same repository name (a
 * registry that has the blob in that repository links it without a transfer), or streamed from the
 * source in one monolithic PUT with its known size.
 */
async function copyBlob(from: Registry, to: Registry, repository: string, blob: { digest: string; size: number }, tally: CopyResult): Promise<void> {
  const head = await to.request("HEAD", to.url(`${repository}/blobs/${blob.digest}`));
  head.resume();
  if (head.statusCode === 200) {
    tally.blobsPresent++;
    return;
  }
  const mount = to.url(`${repository}/blobs/uploads/`);
  mount.searchParams.set("mount", blob.digest);
  mount.searchParams.set("from", repository);
  const start = await to.request("POST", mount, { "content-length": 0 });
  start.resume();
  if (start.statusCode === 201) {
    tally.blobsMounted++;
    return;
  }
  // Not mounted: the registry opened an upload session instead (spec: 202 with Location).
  if (start.statusCode !== 202 || !start.headers.location) return Registry.refused(`starting an upload to ${repository}`, start);
  const source = await from.request("GET", from.url(`${repository}/blobs/${blob.digest}`));
  if (source.statusCode !== 200) return Registry.refused(`reading blob ${blob.digest}`, source);
  const put = to.url(start.headers.location);
  put.searchParams.set("digest", blob.digest);
  const done = await to.request("PUT", put, { "content-type": "application/octet-stream", "content-length": blob.size }, source);
  if (done.statusCode !== 201) return Registry.refused(`uploading blob ${blob.digest}`, done);
  done.resume();
  tally.blobsSent++;
  tally.bytesSent += blob.size;
}

async function putManifest(to: Registry, repository: string, reference: string, m: Manifest): Promise<void> {
  const res = await to.request("PUT", to.url(`${repository}/manifests/${reference}`), { "content-type": m.mediaType, "content-length": m.body.length }, m.body);
  if (res.statusCode !== 201) return Registry.refused(`putting the manifest ${repository}:${reference}`, res);
  res.resume();
  if (res.headers["docker-content-digest"] && res.headers["docker-content-digest"] !== m.digest)
    throw new RegistryCopyError(`the target computed another digest for ${repository}:${reference}`);
}

/** Copies one manifest (and, for an index, its children first) with its blobs; puts it by digest. */
async function copyManifest(from: Registry, to: Registry, repository: string, m: Manifest, tally: CopyResult): Promise<void> {
  if (INDEX_TYPES.has(m.mediaType) || m.doc.manifests) {
    for (const child of m.doc.manifests ?? []) await copyManifest(from, to, repository, await getManifest(from, repository, child.digest), tally);
  } else {
    for (const blob of [m.doc.config, ...(m.doc.layers ?? [])]) if (blob) await copyBlob(from, to, repository, blob, tally);
  }
  await putManifest(to, repository, m.digest, m);
}

/** The digest the registry has for `repository:reference` (HEAD, Docker-Content-Digest), or null when it has none. */
export async function manifestDigest(
  endpoint: RegistryEndpoint,
  repository: string,
  reference: string,
  opts: { policy?: OutboundPolicy; signal?: AbortSignal } = {},
): Promise<string | null> {
  const reg = new Registry(endpoint, opts.policy ?? outboundPolicy(), opts.signal);
  const res = await reg.request("HEAD", reg.url(`${repository}/manifests/${reference}`), { accept: MANIFEST_TYPES.join(", ") });
  res.resume();
  if (res.statusCode === 404) return null;
  if (res.statusCode !== 200) return Registry.refused(`checking ${repository}:${reference}`, res);
  return String(res.headers["docker-content-digest"] ?? "") || null;
}

/**
 * Copies `repository:reference` (a tag or a sha256 digest) from one registry to the same repository in
 * another, preserving the digest; `tag`, when given, is also put on the target (by default the reference
 * when it is a tag). Then verifies: a HEAD of the manifest on the target must answer the same
 * Docker-Content-Digest. The target's project must exist. Throws RegistryCopyError (with the registry's
 * status when it answered one) on any refusal or mismatch; `signal` aborts it.
 */
export async function copyImage(
  source: RegistryEndpoint,
  target: RegistryEndpoint,
  repository: string,
  reference: string,
  opts: { tag?: string; policy?: OutboundPolicy; signal?: AbortSignal } = {},
): Promise<CopyResult> {
  const policy = opts.policy ?? outboundPolicy();
  const from = new Registry(source, policy, opts.signal);
  const to = new Registry(target, policy, opts.signal);
  const manifest = await getManifest(from, repository, reference);
  const tally: CopyResult = { digest: manifest.digest, mediaType: manifest.mediaType, bytesSent: 0, blobsSent: 0, blobsMounted: 0, blobsPresent: 0 };
  await copyManifest(from, to, repository, manifest, tally);
  const tag = opts.tag ?? (reference.startsWith("sha256:") ? undefined : reference);
  if (tag) await putManifest(to, repository, tag, manifest);
  const there = await manifestDigest(target, repository, tag ?? manifest.digest, { policy, signal: opts.signal });
  if (there !== manifest.digest)
    throw new RegistryCopyError(`after the copy the target answers ${there ?? "nothing"} for ${repository}:${tag ?? manifest.digest}, not ${manifest.digest}`);
  return tally;
}
