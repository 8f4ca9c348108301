// The gateway process (docs/terminal.md): `npm start` runs it beside the portal (scripts/start.ts); run one or
// more behind the same address as the portal's replicas, in any number: tickets are redeemed from PostgreSQL.
import { createDb } from "@capstan/db";
import { policyFromEnv } from "@capstan/orchestrator";
import { startGateway } from "./gateway";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
policyFromEnv(); // a mistyped CAPSTAN_OUTBOUND_ALLOW stops the gateway now, not every terminal later
const port = Number(process.env.CAPSTAN_GATEWAY_PORT ?? 3001);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("CAPSTAN_GATEWAY_PORT must be a TCP port");
const idleSeconds = Number(process.env.CAPSTAN_TERMINAL_IDLE_SECONDS ?? 1800);
if (!(idleSeconds > 0)) throw new Error("CAPSTAN_TERMINAL_IDLE_SECONDS must be a positive number of seconds");
const db = createDb(url, 4);
const gateway = await startGateway({ db, port, host: process.env.CAPSTAN_GATEWAY_HOST, idleMs: idleSeconds * 1000 });
console.log(`[gateway] terminals on ws://${process.env.CAPSTAN_GATEWAY_HOST ?? "0.0.0.0"}:${gateway.port}/terminal`);

const stop = async () => {
  await gateway.close();
  await db.$disconnect();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
