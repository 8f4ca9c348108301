// `capstan`: the developers' command line over Capstan's REST API (issue 18; apps/cli/README.md).
import { run } from "./cli";

// A reader that went away (`capstan logs -f … | head`) ends the command quietly, as it ends kubectl.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
