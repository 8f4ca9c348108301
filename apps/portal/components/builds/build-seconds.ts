// A plain module, not a client one: the build page (a server component) calls it too, and a server
// component cannot call a function exported from a "use client" module.
import type { BuildDto } from "@capstan/domain";

/** Seconds between two instants, or while it runs, since it started; null before it starts. */
export const buildSeconds = (b: Pick<BuildDto, "startedAt" | "finishedAt">) =>
  b.startedAt ? Math.max(0, Math.round(((b.finishedAt ? Date.parse(b.finishedAt) : Date.now()) - Date.parse(b.startedAt)) / 1000)) : null;
