// Web terminals (docs/terminal.md): who may open one, the ticket request and answer, and the rules of a ticket.
import { z } from "zod";
import { canWriteInSystem, type Actor, type SystemRef } from "./access";
import { dnsLabel } from "./names";

/**
 * Who may open a shell in a group's pods: whoever may change what runs in the system (canWriteInSystem: its
 * developers, its department's admins, platform admins). Viewers and ops read only: a shell can change a
 * running container, so it is a write.
 */
export const canOpenTerminal = (a: Actor, s: SystemRef): boolean => canWriteInSystem(a, s);

/** How long a ticket may wait to be redeemed (30 s): long enough to open a WebSocket, too short to be worth stealing. */
export const TERMINAL_TICKET_TTL_MS = 30_000;

/** The command a terminal runs in the container: the POSIX shell every image with a shell has. */
export const TERMINAL_COMMAND = ["sh"] as const;

/** `POST …/pods/{pod}/terminal-ticket`: which container (the pod's first when absent). */
export const TerminalTicketCreate = z.strictObject({ container: dnsLabel.optional() });
export type TerminalTicketCreate = z.infer<typeof TerminalTicketCreate>;

/** The ticket: hand `url` (the gateway's WebSocket URL with the ticket) to `new WebSocket` within `expiresAt`. */
export const TerminalTicketSchema = z.strictObject({
  ticket: z.string(),
  url: z.string(),
  expiresAt: z.string(),
  container: z.string(),
});
export type TerminalTicket = z.infer<typeof TerminalTicketSchema>;
