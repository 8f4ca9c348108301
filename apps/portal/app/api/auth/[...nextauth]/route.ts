import type { NextRequest } from "next/server";
import { db } from "@capstan/db";
import { auditOidcRefusal } from "@capstan/usecases/internal";
import { clientAddress, handlers, oidc } from "@/auth";
import { withOidcRefusals } from "@/lib/server/oidc-refusals";

export const { POST } = handlers;

/** next-auth's GET routes; an OIDC callback it refuses is told and audited as Capstan's own refusals are. */
export async function GET(request: NextRequest) {
  const settings = oidc;
  if (!settings || !request.nextUrl.pathname.endsWith("/callback/oidc")) return handlers.GET(request);
  return withOidcRefusals(
    () => handlers.GET(request),
    (reason, claims) => auditOidcRefusal(db(), settings, reason, claims, { ip: clientAddress(request.headers) }),
  );
}
