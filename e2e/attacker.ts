// A web server on another port of the same host: another origin, but the same site as the portal, so
// the browser sends the portal's SameSite=Lax session cookie with its form posts. It stands in for any
// other application on the portal's host (or domain) that an attacker controls.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Attacker = { origin: string; close: () => Promise<void> };

/** Serves each of `pages` (path → HTML) from http://localhost:<free port>. */
export async function startAttacker(pages: Record<string, string>): Promise<Attacker> {
  const server = http.createServer((req, res) => {
    const page = pages[new URL(req.url ?? "/", "http://localhost").pathname];
    res.writeHead(page === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
    res.end(page ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An HTML page whose form posts itself to `action` as soon as it loads. */
export const autoSubmittingForm = (action: string, enctype: string) => `<!doctype html>
<form id="f" method="POST" action="${action}" enctype="${enctype}"><input type="hidden" name="x" value="1"></form>
<script>document.getElementById("f").submit()</script>`;
