// Pushes a minimal OCI image (one empty layer) through the OCI Distribution API, as a CI build would.
// Used to seed demo images and by tests; the portal itself only reads registries.
import { createHash } from "node:crypto";

/** Each request of a push gives up after this long (a registry that never answers must not hang npm start). */
const PUSH_TIMEOUT_MS = 30_000;

const sha = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

/** An empty gzip stream: the layer of a minimal image. */
const EMPTY_LAYER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

/**
 * Pushes an image of one layer (`layer`, by default an empty gzip stream; a bench passes megabytes of random
 * bytes) and a config labelled with `tag` to `<registryUrl>/<repository>:<tag>`; resolves to its manifest's
 * digest (`sha256:…`). Throws when the registry refuses a step or does not answer within 30 s.
 */
export async function pushMinimalImage(
  registryUrl: string,
  credentials: { username: string; password: string },
  repository: string,
  tag: string,
  layer: Buffer = EMPTY_LAYER,
): Promise<string> {
  const auth = { authorization: "Basic " + Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64") };
  const config = Buffer.from(JSON.stringify({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] }, config: { Labels: { tag } } }));
  for (const blob of [layer, config]) {
    const start = await fetch(new URL(`/v2/${repository}/blobs/uploads/`, registryUrl), {
      method: "POST",
      headers: auth,
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    });
    if (start.status !== 202) throw new Error(`upload to ${repository} refused: ${start.status} ${await start.text()}`);
    const location = new URL(start.headers.get("location")!, registryUrl);
    location.searchParams.set("digest", sha(blob));
    const put = await fetch(location, {
      method: "PUT",
      headers: { ...auth, "content-type": "application/octet-stream" },
      body: new Uint8Array(blob), // a copy typed as fetch takes it (a Buffer may view a SharedArrayBuffer)
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    });
    if (put.status !== 201) throw new Error(`blob upload failed: ${put.status} ${await put.text()}`);
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha(config), size: config.length },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: sha(layer), size: layer.length }],
    }),
  );
  const res = await fetch(new URL(`/v2/${repository}/manifests/${tag}`, registryUrl), {
    method: "PUT",
    headers: { ...auth, "content-type": "application/vnd.oci.image.manifest.v1+json" },
    body: manifest,
    signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
  });
  if (res.status !== 201) throw new Error(`manifest push failed: ${res.status} ${await res.text()}`);
  return sha(manifest);
}
