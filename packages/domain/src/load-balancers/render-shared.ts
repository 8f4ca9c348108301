// What the haproxy and nginx renderers share.
import type { DataPlaneSpec } from "./data-plane";

/** Stands for the hash in a renderer's lines: the hash is of the text without the line holding it (renderDataPlane). */
export const HASH_PLACEHOLDER = "@CAPSTAN_CONFIG_HASH@";

/**
 * Seconds old processes may go on with in-flight work after a reload (haproxy's `hard-stop-after`, nginx's
 * `worker_shutdown_timeout`): the longest drain asked, and at least the server timeout, so a reload when nothing
 * drains does not cut a request the balancer would otherwise have waited for.
 */
export const reloadGraceSeconds = (spec: DataPlaneSpec) => Math.max(spec.drainSeconds, spec.timeouts.serverSeconds);
