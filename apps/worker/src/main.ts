// The orchestrator process: reconcile jobs from the durable queue (graphile-worker), a periodic resync,
// and inventory sync from every cluster back into PostgreSQL. Run several for availability.
import { createDb } from "@capstan/db";
import { builtinDnsServer, DNS_LISTEN_ENV, parseHostPort, SCRAPE_INTERVAL_MS } from "@capstan/domain";
import { policyFromEnv } from "@capstan/orchestrator";
import { startDnsServer } from "./dns/server";
import { stopGracefully } from "./shutdown";
import { startWorkerHttp, workerHttpListen } from "./observability/http";
import { logger } from "./observability/log";
import { startWorker } from "./worker";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
// A mistyped CAPSTAN_OUTBOUND_ALLOW stops the worker now, not every call to a cluster later.
policyFromEnv();
// Metrics and probes (docs/observability.md) where CAPSTAN_WORKER_HTTP_LISTEN says; a malformed value stops the worker now.
const httpListen = workerHttpListen();
const concurrency = Number(process.env.CAPSTAN_WORKER_CONCURRENCY ?? 4);
// A connection per concurrent job, and a few for the inventory's writes.
const db = createDb(url, concurrency + 4);
const resyncMinutes = Number(process.env.CAPSTAN_RESYNC_MINUTES ?? 1);
if (!Number.isInteger(resyncMinutes) || resyncMinutes < 0 || resyncMinutes > 59)
  throw new Error("CAPSTAN_RESYNC_MINUTES must be a whole number of minutes from 0 to 59");
// Metrics scrapes (docs/metrics.md): every 15 s as metrics-server's resolution; 0 turns them off.
const scrapeSeconds = Number(process.env.CAPSTAN_METRICS_SCRAPE_SECONDS ?? SCRAPE_INTERVAL_MS / 1000);
if (!Number.isFinite(scrapeSeconds) || scrapeSeconds < 0) throw new Error("CAPSTAN_METRICS_SCRAPE_SECONDS must be a number of seconds, 0 or more");
const worker = await startWorker(db, url, { concurrency, resyncMinutes, metricsEveryMs: scrapeSeconds * 1000 });
await worker.addJob("resync", {}, { jobKey: "resync" });
console.log("[worker] running");
const http = httpListen && (await startWorkerHttp(db, httpListen, { tasks: worker.tasks, log: (m) => logger.warn(m) }));
if (http) logger.info(`metrics and probes on http://${httpListen.host}:${http.port} (/metrics, /livez, /readyz)`);
// The built-in DNS server (docs/load-balancers.md, "Domain names"), where CAPSTAN_DNS_LISTEN says.
const dnsListen = process.env[DNS_LISTEN_ENV];
const listen = parseHostPort(dnsListen);
if (dnsListen && !listen) throw new Error(`${DNS_LISTEN_ENV} must be host:port, e.g. 127.0.0.1:5353`);
// A port already taken leaves names unanswered but everything else running (a supervised worker that exited
// would only fail again).
const dns = listen
  ? await startDnsServer(db, { ...listen, nameServer: builtinDnsServer(process.env)?.address }).catch((e: Error) => {
      console.error(`[worker] the built-in DNS server could not listen on ${dnsListen}: ${e.message}`);
      return null;
    })
  : null;
if (dns) console.log(`[worker] built-in DNS server on ${dns.address}:${dns.port} (UDP and TCP)`);

// SIGTERM: /readyz answers 503, jobs finish or are handed back, leases freed, exit 0 within
// CAPSTAN_SHUTDOWN_GRACE_SECONDS.
stopGracefully({ worker, dns, db, http });
