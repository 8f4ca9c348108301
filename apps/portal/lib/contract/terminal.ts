// Web terminals: a single-use ticket for a shell in a group's pod, redeemed at the gateway (docs/terminal.md).
import { TerminalTicketCreate, TerminalTicketSchema } from "@capstan/domain";
import { route } from "./route";

export const createTerminalTicket = route({
  method: "POST",
  path: "/systems/{system}/applications/{app}/groups/{group}/pods/{pod}/terminal-ticket",
  tag: "groups",
  summary: "A ticket for a terminal in a pod",
  body: { TerminalTicketCreate },
  response: {
    status: 201,
    description:
      "A single-use ticket, valid for 30 seconds, and the gateway's WebSocket URL that redeems it (`url`: open it with `new WebSocket(url)`; frames carry the Kubernetes exec channel byte: 0 stdin, 4 resize from the client; 1 stdout, 2 stderr, 3 the exit status from the gateway)",
    body: { TerminalTicketSchema },
  },
});
