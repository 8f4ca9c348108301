// The little of oidc-provider (v9, which ships no types; @types/oidc-provider is not installed) that
// e2e/oidc-provider.ts uses. See node_modules/oidc-provider/lib/helpers/defaults.js for the configuration.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface KoaContext {
    path: string;
    querystring: string;
    body: unknown;
  }
  interface Account {
    accountId: string;
    claims: () => Promise<Record<string, unknown>>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown> & { findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined> });
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
