import { canOpenTerminal, domainError, fieldError, notFound, parseInput, TERMINAL_TICKET_TTL_MS, TerminalTicketCreate } from "@capstan/domain";
import type { Context } from "../context";
import { findGroup } from "../groups/find-group";
import { withSecret } from "../secret-result";
import { newTerminalTicket } from "./ticket";

/**
 * A single-use ticket for a shell in one of a group's pods (docs/terminal.md): the browser hands it to the
 * gateway within TERMINAL_TICKET_TTL_MS, and whichever gateway replica it reaches redeems it from PostgreSQL
 * (redeemTerminalTicket). Only its sha256 is stored. The session is audited when it starts and when it ends,
 * by the gateway; the ticket itself changes nothing, like a sign-in. Resolves to `{ ticket, expiresAt (ISO 8601),
 * container }`, marked withSecret.
 *
 * @throws 404 for a group the caller cannot see or a pod that is not the group's; 403 (forbidden_open_terminal)
 *   unless canOpenTerminal; 422 naming `container` when the pod has no such container; 409
 *   (terminal_pod_not_running) for a pod that is not running.
 */
export async function createTerminalTicket(ctx: Context, system: string, application: string, group: string, pod: string, input: unknown) {
  const { container: asked } = parseInput(TerminalTicketCreate, input ?? {});
  const { system: s, application: app, group: g } = await findGroup(ctx.db, ctx.actor, system, application, group);
  if (!canOpenTerminal(ctx.actor, s)) throw domainError("forbidden_open_terminal", { system });
  const row = await ctx.db.pod.findFirst({ where: { groupId: g.id, name: pod }, select: { clusterId: true, namespace: true, name: true, phase: true } });
  if (!row) throw notFound("Pod", pod);
  // A group's pods run one container, named after the application (manifests.ts).
  const container = asked ?? app.name;
  if (container !== app.name)
    throw domainError("invalid_request", { summary: `container is not a container of pod ${pod}` }, { container: fieldError("not_a_container", { pod }) });
  if (row.phase !== "Running") throw domainError("terminal_pod_not_running", { pod, phase: row.phase });
  const { ticket, ticketHash } = newTerminalTicket();
  const expiresAt = new Date(Date.now() + TERMINAL_TICKET_TTL_MS);
  await ctx.db.terminalSession.create({
    data: {
      ticketHash,
      ticketExpiresAt: expiresAt,
      userId: ctx.actor.userId,
      groupId: g.id,
      clusterId: row.clusterId,
      namespace: row.namespace,
      pod: row.name,
      container,
    },
  });
  // The ticket is a credential: marked, so no Idempotency-Key replay keeps it.
  return withSecret({ ticket, expiresAt: expiresAt.toISOString(), container });
}
