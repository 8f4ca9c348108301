// OCI image layouts built by hand (image-spec image-layout.md) for tests and benches: one image, or an
// index of several platforms, whose blobs are given bytes. Real clients (skopeo) push them from disk.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const sha = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;
const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const INDEX = "application/vnd.oci.image.index.v1+json";

/** Writes a blob into the layout and answers its descriptor. */
function put(dir: string, mediaType: string, body: Buffer) {
  const blobs = path.join(dir, "blobs", "sha256");
  fs.mkdirSync(blobs, { recursive: true });
  fs.writeFileSync(path.join(blobs, sha(body).slice(7)), body);
  return { mediaType, digest: sha(body), size: body.length };
}

/** One image manifest for `platform` with one layer per buffer (stored as opaque "tar+gzip" layers). */
function image(dir: string, layers: Buffer[], platform: { os: string; architecture: string }) {
  const config = Buffer.from(JSON.stringify({ ...platform, rootfs: { type: "layers", diff_ids: layers.map(sha) }, config: {} }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST,
      config: put(dir, "application/vnd.oci.image.config.v1+json", config),
      layers: layers.map((l) => put(dir, "application/vnd.oci.image.layer.v1.tar+gzip", l)),
    }),
  );
  return { ...put(dir, MANIFEST, manifest), platform };
}

/**
 * Writes an OCI layout at `dir` whose `index.json` names `tag`: a single image with `layers`, or, given
 * several `platforms`, an image index with one image per platform (each with its own variant of the
 * layers, so every platform's blobs differ). Answers the digest of what the tag names.
 */
export function writeOciLayout(
  dir: string,
  tag: string,
  layers: Buffer[],
  platforms: { os: string; architecture: string }[] = [{ os: "linux", architecture: "amd64" }],
): string {
  const images = platforms.map((p) =>
    image(
      dir,
      layers.map((l) => Buffer.concat([l, Buffer.from(p.architecture)])),
      p,
    ),
  );
  const top = images.length === 1 ? images[0]! : put(dir, INDEX, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: images })));
  fs.writeFileSync(path.join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  fs.writeFileSync(
    path.join(dir, "index.json"),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: top.mediaType, digest: top.digest, size: top.size, annotations: { "org.opencontainers.image.ref.name": tag } }],
    }),
  );
  return top.digest;
}
