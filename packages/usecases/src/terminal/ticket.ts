import { createHash, randomBytes } from "node:crypto";

/** A new terminal ticket (256 random bits, base64url) and the sha256 (hex) that is all PostgreSQL keeps of it. */
export function newTerminalTicket(): { ticket: string; ticketHash: string } {
  const ticket = randomBytes(32).toString("base64url");
  return { ticket, ticketHash: hashTerminalTicket(ticket) };
}

export const hashTerminalTicket = (ticket: string): string => createHash("sha256").update(ticket).digest("hex");
