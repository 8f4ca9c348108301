// Ports a browser refuses to open a connection to, and the ports Capstan derives from the portal's.

/**
 * The Fetch Standard's "bad ports" (https://fetch.spec.whatwg.org/#port-blocking, as of the 2024 addition of
 * 4190 and 6679): Chromium, Firefox and Safari refuse http(s) and ws(s) connections to them
 * (net::ERR_UNSAFE_PORT), so nothing a browser must reach may listen on one.
 */
const BAD_PORTS = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137,
  139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Whether browsers refuse `port` (a TCP port number) as a bad port. */
export function isBrowserBlockedPort(port: number): boolean {
  return BAD_PORTS.has(port);
}

/**
 * The terminal gateway's port when only the portal's is given (`npm start`, docs/terminal.md): the next one up
 * (3000 → 3001), which browsers open for any portal port they open themselves, except the few below a bad port
 * (e.g. 5999 → 6000): those get a RangeError naming CAPSTAN_GATEWAY_PORT, to be set instead.
 */
export function gatewayPortFor(portalPort: number): number {
  const port = portalPort + 1;
  if (isBrowserBlockedPort(port) || port > 65535)
    throw new RangeError(`the terminal gateway's default port ${port} (the portal's + 1) is one browsers refuse: set CAPSTAN_GATEWAY_PORT`);
  return port;
}

/**
 * The worker's HTTP port (metrics and probes, docs/observability.md) when only the portal's is given
 * (`npm start`): the portal's + 6464, so the default portal port 3000 gives 9464, the port the deploy manifests
 * use, and it never meets the gateway's (+ 1) or the built-in DNS server's (+ 2053) of the same portal port.
 * A RangeError naming CAPSTAN_WORKER_HTTP_LISTEN when that is beyond 65535.
 */
export function workerHttpPortFor(portalPort: number): number {
  const port = portalPort + 6464;
  if (port > 65535) throw new RangeError(`the worker's default HTTP port ${port} (the portal's + 6464) is beyond 65535: set CAPSTAN_WORKER_HTTP_LISTEN`);
  return port;
}
