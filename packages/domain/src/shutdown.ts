// How long a Capstan process has to stop (the portal's server.ts, the worker's shutdown.ts; docs/operations.md).

/** Kubernetes' default terminationGracePeriodSeconds: SIGTERM, then SIGKILL this many seconds later. */
export const KUBERNETES_TERMINATION_GRACE_SECONDS = 30;

/**
 * CAPSTAN_SHUTDOWN_GRACE_SECONDS: the seconds a process has, after SIGTERM, to finish its work and exit
 * (default 25, so it is done before Kubernetes' SIGKILL at 30). Throws for anything but a number from 1 to 3,600.
 */
export function shutdownGraceSeconds(env: Record<string, string | undefined>): number {
  const raw = env.CAPSTAN_SHUTDOWN_GRACE_SECONDS;
  if (raw === undefined || raw.trim() === "") return KUBERNETES_TERMINATION_GRACE_SECONDS - 5;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600) throw new Error("CAPSTAN_SHUTDOWN_GRACE_SECONDS must be a number of seconds from 1 to 3600");
  return seconds;
}
