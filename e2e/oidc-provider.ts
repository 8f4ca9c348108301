// The identity provider e2e/sso.spec.ts signs in through: oidc-provider (a certified OpenID Connect
// implementation) on loopback, with one static client (the portal) and accounts the test sets up. Its
// development login form takes any password. Switches make it misbehave the way the refusals need:
// per-account claims (no email, email_verified false, no groups), and an ID token re-signed with its own key
// but another issuer, or already expired.
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import http from "node:http";
import { Provider } from "oidc-provider";
import { E2E_OIDC } from "../playwright.config";

/** What an account's ID token says; `sub` is the login typed at the provider. */
export type AccountClaims = { email?: string; email_verified?: boolean; name?: string; groups?: string[] | string };

/** How the provider spoils an account's ID token: another `iss`, or `exp` this many seconds in the past. */
export type Misbehaviour = { issuer?: string; expiredSecondsAgo?: number };

export interface TestProvider {
  accounts: Map<string, AccountClaims>;
  misbehave: Map<string, Misbehaviour>;
  /** The query of every authorization request the provider received, in order. */
  authorizationRequests: URLSearchParams[];
  /** How many RP-initiated logouts the provider completed (the person confirmed). */
  logouts: () => number;
  close: () => Promise<void>;
}

/** Starts the provider at E2E_OIDC.issuer for the portal at `portal` (its origin). */
export async function startTestProvider(portal: string): Promise<TestProvider> {
  const accounts = new Map<string, AccountClaims>();
  const misbehave = new Map<string, Misbehaviour>();
  const authorizationRequests: URLSearchParams[] = [];
  let logouts = 0;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: "e2e", alg: "RS256", use: "sig" };

  const provider = new Provider(E2E_OIDC.issuer, {
    clients: [
      {
        client_id: E2E_OIDC.clientId,
        client_secret: E2E_OIDC.clientSecret,
        redirect_uris: [`${portal}/api/auth/callback/oidc`],
        post_logout_redirect_uris: [`${portal}/sign-in`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    jwks: { keys: [jwk] },
    // Claims go into the ID token itself (Capstan reads the ID token, not userinfo).
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    async findAccount(_ctx, id) {
      const claims = accounts.get(id);
      return claims ? { accountId: id, claims: async () => ({ sub: id, ...claims }) } : undefined;
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { IdToken: 600, AccessToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600 },
  });
  provider.on("end_session.success", () => logouts++);

  provider.use(async (ctx, next) => {
    if (ctx.path === "/auth") authorizationRequests.push(new URLSearchParams(ctx.querystring));
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== "/token" || !body?.id_token) return;
    const claims = JSON.parse(Buffer.from(body.id_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    const spoil = misbehave.get(String(claims.sub));
    if (!spoil) return;
    const now = Math.floor(Date.now() / 1000);
    if (spoil.issuer) claims.iss = spoil.issuer;
    if (spoil.expiredSecondsAgo) Object.assign(claims, { iat: now - spoil.expiredSecondsAgo - 60, exp: now - spoil.expiredSecondsAgo });
    // Signed with the provider's own key: only the claims are wrong, so only the claim checks can catch it.
    body.id_token = signJwt(claims, privateKey);
  });

  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(E2E_OIDC.port, "127.0.0.1", resolve);
  });
  return {
    accounts,
    misbehave,
    authorizationRequests,
    logouts: () => logouts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A compact JWS (RS256) of `claims`, as the provider signs its ID tokens. */
function signJwt(claims: Record<string, unknown>, key: KeyObject): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const input = `${part({ alg: "RS256", kid: "e2e", typ: "JWT" })}.${part(claims)}`;
  return `${input}.${sign("sha256", Buffer.from(input), key).toString("base64url")}`;
}
