import { domainError } from "@capstan/domain";
import { createTerminalTicket } from "@capstan/usecases";
import { terminal } from "@/lib/contract";
import { api, body } from "@/lib/server/api";
import { gatewayUrl } from "@/lib/server/gateway-url";

export const POST = api(terminal.createTerminalTicket, async (ctx, req, p) => {
  const base = gatewayUrl(req.headers, req.url);
  // A request without a Host (or X-Forwarded-Host) names no address for the gateway: the client's fault, not ours.
  if (!base) throw domainError("request_no_host");
  const t = await createTerminalTicket(ctx, p.system, p.app, p.group, p.pod, await body(req));
  // The secret-holding mark (withSecret) stays on the object returned.
  return Object.assign(t, { url: `${base}/terminal?ticket=${encodeURIComponent(t.ticket)}` });
});
