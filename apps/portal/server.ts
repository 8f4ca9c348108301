// The portal's production process: Node's HTTP server around Next's request handler, draining on SIGTERM
// (lib/graceful-server.ts) so a rolling update or a scale-down loses no request. `npm start` runs it with
// tsx (scripts/start.ts), and the image may bundle it with esbuild (`next` stays an ordinary import, kept
// external). Environment: PORT (3000), CAPSTAN_LISTEN_HOST (every interface when unset; HOSTNAME is not
// used because Kubernetes sets it to the pod's name), CAPSTAN_SHUTDOWN_GRACE_SECONDS (25, under
// Kubernetes' default terminationGracePeriodSeconds of 30). Serves the build in this directory (`next build`).
import path from "node:path";
import next from "next";
import { serveGracefully } from "./lib/graceful-server";
import { shutdownGraceSeconds } from "@capstan/domain";
import { isLongLivedStream } from "./lib/shutdown-settings";

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("PORT must be a port number");
const host = process.env.CAPSTAN_LISTEN_HOST || undefined;
const graceSeconds = shutdownGraceSeconds(process.env);
// The directory holding .next: CAPSTAN_PORTAL_DIR, else this file's (an ES module bundle may lack
// import.meta.dirname: then the working directory).
const dir = path.resolve(process.env.CAPSTAN_PORTAL_DIR ?? import.meta.dirname ?? ".");

// No top-level await, so that a CommonJS bundle works too.
async function main() {
  const app = next({ dev: false, dir, hostname: host ?? "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const served = await serveGracefully((req, res) => handle(req, res), { port, host, graceSeconds, isStream: isLongLivedStream });
  console.log(`[portal] listening on ${host ?? "every interface"}:${served.port}`);
}

main().catch((e: Error) => {
  console.error(`[portal] ${e.stack ?? e.message}`);
  process.exit(1);
});
