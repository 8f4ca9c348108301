// `npm test`: every test, in order of speed: type check, lint, formatting (Prettier), unit + integration (real PostgreSQL),
// a production build of the portal, then end-to-end in Chromium. Stops at the first failure.
import { spawnSync } from "node:child_process";

const steps: [string, string[]][] = [
  ["type check", ["npm", "run", "-s", "typecheck"]],
  ["lint", ["npm", "run", "-s", "lint"]],
  ["formatting", ["npm", "run", "-s", "format:check"]],
  ["unit and integration tests", ["npx", "vitest", "run"]],
  ["portal build", ["npx", "tsx", "scripts/lib/portal-build.ts", "--if-changed"]],
  ["end-to-end tests", ["npx", "playwright", "test"]],
];

const only = process.argv[2];
const timings: string[] = [];
for (const [name, [cmd, ...args]] of steps) {
  if (only && !name.startsWith(only)) continue;
  console.log(`\n▶ ${name}: ${[cmd, ...args].join(" ")}`);
  const started = Date.now();
  const result = spawnSync(cmd!, args, {
    stdio: "inherit",
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1", NEXT_TELEMETRY_DISABLED: "1" },
  });
  timings.push(`${name.padEnd(28)} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n✔ all tests passed\n${timings.join("\n")}`);
