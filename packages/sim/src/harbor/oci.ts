// OCI Distribution API v2: blobs (monolithic, chunked, cross-repo mount), manifests, tags, catalog.
import type http from "node:http";
import { type Registry, HttpError, readBody, sha256 } from "./registry.js";
import { isRepositoryName } from "./names.js";

/** An OCI content descriptor: the part of it the registry reads. */
interface Descriptor {
  digest: string;
}

const MANIFEST_TYPES = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
];

export async function ociApi(r: Registry, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  const who = r.auth(req);
  if (who === null) throw new HttpError(401, "UNAUTHORIZED", "authentication required");
  const m = req.method!;
  const p = url.pathname;
  res.setHeader("Docker-Distribution-API-Version", "registry/2.0");
  const send = (status: number, headers: Record<string, string | number> = {}, body?: Buffer | string) => {
    res.writeHead(status, { "Content-Length": body ? Buffer.byteLength(body) : 0, ...headers });
    res.end(m === "HEAD" ? undefined : body);
  };
  if (p === "/v2" || p === "/v2/") {
    if (!who) throw new HttpError(401, "UNAUTHORIZED", "authentication required");
    return send(200, { "Content-Type": "application/json" }, "{}");
  }
  if (p === "/v2/_catalog") {
    if (!who?.admin) throw new HttpError(401, "UNAUTHORIZED", "authentication required");
    const all = [...r.repos.keys()].sort();
    return paginate(all, url, (items) => send(200, { "Content-Type": "application/json" }, JSON.stringify({ repositories: items })), res, "/v2/_catalog");
  }
  const mm = p.match(/^\/v2\/(.+?)\/(blobs\/uploads\/?(.*)|blobs\/(sha256:[a-f0-9]{64})|manifests\/([^/]+)|tags\/list)$/);
  if (!mm) throw new HttpError(404, "NOT_FOUND", "not found");
  const name = mm[1];
  if (!isRepositoryName(name)) throw new HttpError(400, "NAME_INVALID", "invalid repository name");
  const project = name.split("/")[0];
  const need = (action: "pull" | "push" | "delete") => {
    if (!r.can(who ?? undefined, project, action))
      throw new HttpError(who ? 403 : 401, who ? "DENIED" : "UNAUTHORIZED", who ? `${action} access to repository ${name} denied` : "authentication required");
  };

  if (mm[2].startsWith("blobs/uploads")) {
    need("push");
    if (!r.projectOf(name)) throw new HttpError(404, "NAME_UNKNOWN", `project ${project} not found`);
    const id = mm[3];
    if (m === "POST" && !id) {
      const mount = url.searchParams.get("mount");
      if (mount && r.blobs.has(mount)) {
        r.projectOf(name)!.blobs.add(mount);
        return send(201, { Location: `/v2/${name}/blobs/${mount}`, "Docker-Content-Digest": mount });
      }
      const digest = url.searchParams.get("digest");
      const body = await readBody(req);
      if (digest) return commitBlob(r, name, body, digest, send);
      const u = r.newUpload(name);
      if (body.length) {
        r.uploads.get(u)!.chunks.push(body);
        r.uploads.get(u)!.size += body.length;
      }
      return send(202, { Location: `/v2/${name}/blobs/uploads/${u}`, "Docker-Upload-UUID": u, Range: `0-${Math.max(0, body.length - 1)}` });
    }
    const up = r.uploads.get(id);
    if (!up) throw new HttpError(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
    if (m === "GET") return send(204, { Location: `/v2/${name}/blobs/uploads/${id}`, "Docker-Upload-UUID": id, Range: `0-${Math.max(0, up.size - 1)}` });
    if (m === "DELETE") {
      r.uploads.delete(id);
      return send(204);
    }
    const body = await readBody(req);
    const cr = req.headers["content-range"];
    if (cr) {
      const s = Number(String(cr).split("-")[0]);
      if (s !== up.size) throw new HttpError(416, "BLOB_UPLOAD_INVALID", "content range out of order");
    }
    up.chunks.push(body);
    up.size += body.length;
    if (m === "PATCH") return send(202, { Location: `/v2/${name}/blobs/uploads/${id}`, "Docker-Upload-UUID": id, Range: `0-${Math.max(0, up.size - 1)}` });
    if (m === "PUT") {
      const digest = url.searchParams.get("digest");
      if (!digest) throw new HttpError(400, "DIGEST_INVALID", "digest parameter required");
      r.uploads.delete(id);
      return commitBlob(r, name, Buffer.concat(up.chunks), digest, send);
    }
  }

  if (mm[4]) {
    const digest = mm[4];
    if (m === "DELETE") {
      need("delete");
      r.blobs.delete(digest);
      return send(202);
    }
    need("pull");
    const b = r.blobs.get(digest);
    if (!b || !r.projectOf(name)?.blobs.has(digest)) throw new HttpError(404, "BLOB_UNKNOWN", `blob unknown to registry: ${digest}`);
    res.writeHead(200, { "Content-Length": b.length, "Content-Type": "application/octet-stream", "Docker-Content-Digest": digest, ETag: `"${digest}"` });
    return res.end(m === "HEAD" ? undefined : b);
  }

  if (mm[5]) {
    const ref = decodeURIComponent(mm[5]);
    if (m === "PUT") {
      need("push");
      const body = await readBody(req);
      const type = String(req.headers["content-type"] ?? "").split(";")[0] || "application/vnd.oci.image.manifest.v1+json";
      /** An OCI image manifest or index, as far as the registry reads it (OCI image spec: manifest.md, image-index.md). */
      let doc: { mediaType?: string; config?: Descriptor; layers?: Descriptor[]; manifests?: Descriptor[] };
      try {
        doc = JSON.parse(body.toString());
      } catch {
        throw new HttpError(400, "MANIFEST_INVALID", "manifest invalid");
      }
      const mediaType = doc.mediaType ?? type;
      if (!MANIFEST_TYPES.includes(mediaType)) throw new HttpError(400, "MANIFEST_INVALID", `unsupported manifest media type ${mediaType}`);
      const digest = sha256(body);
      if (ref.startsWith("sha256:") && ref !== digest) throw new HttpError(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
      const proj = r.projectOf(name);
      if (!proj) throw new HttpError(404, "NAME_UNKNOWN", `project ${project} not found`);
      const repo = r.repo(name, true)!;
      // everything referenced must already be here (or be a manifest in this repo, for indexes)
      for (const d of [doc.config, ...(doc.layers ?? [])].filter((d): d is Descriptor => !!d))
        if (!r.blobs.has(d.digest)) throw new HttpError(400, "MANIFEST_BLOB_UNKNOWN", `blob unknown to registry: ${d.digest}`);
      for (const d of doc.manifests ?? [])
        if (!repo.manifests.has(d.digest)) throw new HttpError(400, "MANIFEST_BLOB_UNKNOWN", `manifest unknown: ${d.digest}`);
      if (proj.storageLimit >= 0) {
        const add =
          [doc.config, ...(doc.layers ?? [])]
            .filter((d): d is Descriptor => !!d && !proj.blobs.has(d.digest))
            .reduce((a: number, d) => a + (r.blobs.get(d.digest)?.length ?? 0), 0) + body.length;
        if (r.usedStorage(proj) + add > proj.storageLimit)
          throw new HttpError(
            403,
            "DENIED",
            `adding ${add} of storage resource, which when updated to current usage of ${r.usedStorage(proj)} will exceed the configured upper limit of ${proj.storageLimit}.`,
          );
      }
      for (const d of [doc.config, ...(doc.layers ?? [])].filter((d): d is Descriptor => !!d)) proj.blobs.add(d.digest);
      const t = new Date().toISOString();
      if (!repo.manifests.has(digest)) repo.manifests.set(digest, { digest, mediaType, body, pushed: t, id: r.nextId() });
      if (!ref.startsWith("sha256:")) repo.tags.set(ref, { digest, pushed: t, id: r.nextId() });
      // Harbor's audit log names the account of every push (who.user: "admin", or a robot's full name).
      r.audit(who?.user ?? "anonymous", "create", "artifact", ref.startsWith("sha256:") ? `${name}@${ref}` : `${name}:${ref}`);
      repo.updated = t;
      return send(201, { Location: `/v2/${name}/manifests/${digest}`, "Docker-Content-Digest": digest });
    }
    if (m === "DELETE") {
      need("delete");
      const repo = r.repo(name);
      if (!ref.startsWith("sha256:")) throw new HttpError(400, "UNSUPPORTED", "delete by tag is not supported, use a digest");
      if (!repo?.manifests.delete(ref)) throw new HttpError(404, "MANIFEST_UNKNOWN", `manifest unknown: ${ref}`);
      for (const [t, v] of repo.tags) if (v.digest === ref) repo.tags.delete(t);
      return send(202);
    }
    need("pull");
    const repo = r.repo(name);
    const digest = ref.startsWith("sha256:") ? ref : repo?.tags.get(ref)?.digest;
    const man = digest && repo?.manifests.get(digest);
    if (!man) throw new HttpError(404, "MANIFEST_UNKNOWN", `manifest unknown: ${name}:${ref}`);
    if (m === "GET") repo!.pulls++;
    res.writeHead(200, { "Content-Type": man.mediaType, "Content-Length": man.body.length, "Docker-Content-Digest": man.digest, ETag: `"${man.digest}"` });
    return res.end(m === "HEAD" ? undefined : man.body);
  }

  // tags/list
  need("pull");
  const repo = r.repo(name);
  if (!repo) throw new HttpError(404, "NAME_UNKNOWN", `repository name not known to registry: ${name}`);
  return paginate(
    [...repo.tags.keys()].sort(),
    url,
    (items) => send(200, { "Content-Type": "application/json" }, JSON.stringify({ name, tags: items })),
    res,
    `/v2/${name}/tags/list`,
  );
}

function paginate(all: string[], url: URL, out: (items: string[]) => void, res: http.ServerResponse, path: string) {
  const n = Number(url.searchParams.get("n") ?? 0);
  const last = url.searchParams.get("last");
  let items = last ? all.filter((x) => x > last) : all;
  if (n > 0 && items.length > n) {
    items = items.slice(0, n);
    res.setHeader("Link", `<${path}?n=${n}&last=${encodeURIComponent(items[items.length - 1])}>; rel="next"`);
  }
  out(items);
}

function commitBlob(r: Registry, name: string, body: Buffer, digest: string, send: (s: number, h?: Record<string, string | number>) => void) {
  if (sha256(body) !== digest) throw new HttpError(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
  r.blobs.set(digest, body);
  r.projectOf(name)!.blobs.add(digest);
  return send(201, { Location: `/v2/${name}/blobs/${digest}`, "Docker-Content-Digest": digest });
}
