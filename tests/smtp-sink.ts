// A real SMTP server (the smtp-server package) that keeps every message it is given, for tests of e-mail
// delivery: the worker's integration test and the notifications e2e spec.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** One message as received: its envelope recipients and its raw RFC 5322 text (headers and body). */
export interface ReceivedMail {
  to: string[];
  raw: string;
}

/**
 * Starts a plain-text SMTP server on 127.0.0.1 (`port` 0: any free one), without authentication or
 * STARTTLS. `mails` fills as messages arrive; `close()` stops it.
 */
export async function startSmtpSink(port = 0): Promise<{ port: number; mails: ReceivedMail[]; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
