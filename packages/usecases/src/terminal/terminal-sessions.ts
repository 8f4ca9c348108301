// The gateway's side of a web terminal (apps/gateway; docs/terminal.md): redeeming a ticket and closing the
// session. Not use cases: the gateway acts for the ticket's holder, whose right is checked again here.
import type { Db } from "@capstan/db";
import { type Actor, canOpenTerminal } from "@capstan/domain";
import { loadActor } from "../context";
import { mutation } from "../mutation";
import { hashTerminalTicket } from "./ticket";

/** A redeemed ticket: the session to run, where, and its cluster's sealed kubeconfig. */
export interface TerminalTarget {
  sessionId: string;
  userId: string;
  clusterId: string;
  kubeconfigEnc: Uint8Array;
  namespace: string;
  pod: string;
  container: string;
}

/** Why a ticket was refused: unknown, already redeemed or expired, or its holder may no longer open terminals. */
export type TicketRefusal = "invalid" | "forbidden";

interface Audited {
  targetId: string;
  departmentId: string;
  systemId: string;
}

/** The audit target of a session: its pod, as "<system>/<application>/<group>/<pod>"; null when the group is gone. */
async function groupOf(db: Pick<Db, "group">, groupId: string, pod: string): Promise<(Audited & { system: { id: string; departmentId: string } }) | null> {
  const g = await db.group.findUnique({
    where: { id: groupId },
    select: { name: true, application: { select: { name: true, system: { select: { id: true, name: true, departmentId: true } } } } },
  });
  if (!g) return null;
  const s = g.application.system;
  return { targetId: `${s.name}/${g.application.name}/${g.name}/${pod}`, departmentId: s.departmentId, systemId: s.id, system: s };
}

/**
 * Redeems a ticket once: the first call within its expiry claims it (a conditional UPDATE, so two gateway
 * replicas racing for one ticket cannot both win) and writes the `terminal.start` audit event; any other
 * call, an expired ticket, or a holder who is disabled or may no longer open terminals in the group's system
 * (canOpenTerminal, checked now, not only when the ticket was made) is refused.
 */
export async function redeemTerminalTicket(db: Db, ticket: string, now = new Date()): Promise<TerminalTarget | TicketRefusal> {
  const row = await db.terminalSession.findUnique({ where: { ticketHash: hashTerminalTicket(ticket) } });
  if (!row || row.startedAt || row.ticketExpiresAt <= now) return "invalid";
  let actor: Actor;
  try {
    actor = await loadActor(db, row.userId);
  } catch {
    return "forbidden";
  }
  const target = await groupOf(db, row.groupId, row.pod);
  if (!target || !canOpenTerminal(actor, target.system)) return "forbidden";
  const cluster = await db.cluster.findUnique({ where: { id: row.clusterId }, select: { kubeconfigEnc: true } });
  if (!cluster) return "invalid";
  const claimed = await mutation({ db, actor }, async (tx, audit) => {
    const { count } = await tx.terminalSession.updateMany({
      where: { id: row.id, startedAt: null, ticketExpiresAt: { gt: now } },
      data: { startedAt: now },
    });
    if (count === 0) return false;
    await audit({
      action: "terminal.start",
      targetType: "pod",
      targetId: target.targetId,
      targetName: row.pod,
      departmentId: target.departmentId,
      systemId: target.systemId,
      after: { session: row.id, container: row.container },
    });
    return true;
  });
  if (!claimed) return "invalid";
  return {
    sessionId: row.id,
    userId: row.userId,
    clusterId: row.clusterId,
    kubeconfigEnc: cluster.kubeconfigEnc,
    namespace: row.namespace,
    pod: row.pod,
    container: row.container,
  };
}

/** How a session ended: the shell exited, it sat idle too long, the browser went, or the cluster failed. */
export type TerminalEndReason = "exit" | "idle" | "client" | "error";

/**
 * Closes a started session once: records when, why and the bytes typed (stdin) and shown (stdout, stderr),
 * and writes the `terminal.end` audit event in the same transaction (as its holder, even if disabled since).
 */
export async function endTerminalSession(
  db: Db,
  sessionId: string,
  ended: { bytesIn: number; bytesOut: number; reason: TerminalEndReason },
  now = new Date(),
): Promise<void> {
  const row = await db.terminalSession.findUnique({ where: { id: sessionId } });
  if (!row?.startedAt || row.endedAt) return;
  const user = await db.user.findUnique({ where: { id: row.userId }, select: { email: true, name: true } });
  const actor: Actor = {
    userId: row.userId,
    email: user?.email ?? "",
    name: user?.name ?? "",
    platformRole: null,
    departments: new Map(),
    systems: new Set(),
  };
  const target = await groupOf(db, row.groupId, row.pod);
  await mutation({ db, actor }, async (tx, audit) => {
    const { count } = await tx.terminalSession.updateMany({
      where: { id: row.id, endedAt: null },
      data: { endedAt: now, bytesIn: ended.bytesIn, bytesOut: ended.bytesOut, endReason: ended.reason },
    });
    if (count === 0) return;
    await audit({
      action: "terminal.end",
      targetType: "pod",
      targetId: target?.targetId ?? row.pod,
      targetName: row.pod,
      departmentId: target?.departmentId ?? null,
      systemId: target?.systemId ?? null,
      after: {
        session: row.id,
        container: row.container,
        bytesIn: ended.bytesIn,
        bytesOut: ended.bytesOut,
        reason: ended.reason,
        seconds: Math.round((now.getTime() - row.startedAt!.getTime()) / 1000),
      },
    });
  });
}
