// E-mail over SMTP with nodemailer, configured from the environment (docs/notifications.md). The SMTP
// server's host is resolved and checked against the outbound policy, and the connection goes to the
// checked address (TLS still verifies the certificate against the host's name), as every outbound call
// does; connecting, the greeting and each socket wait have deadlines.
import net from "node:net";
import { outboundPolicy, type OutboundPolicy, resolveAllowed } from "@capstan/orchestrator";
import nodemailer from "nodemailer";

/** SMTP settings, from CAPSTAN_SMTP_* (see smtpFromEnv). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (SMTPS, usually port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** The From address, e.g. "Capstan <capstan@example.com>". */
  from: string;
  /** Deadline of each phase (connect, greeting, each wait on the socket), in milliseconds. */
  timeoutMs: number;
}

/** One message. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Reads CAPSTAN_SMTP_HOST (unset: no e-mail is sent), CAPSTAN_SMTP_PORT (587), CAPSTAN_SMTP_SECURE ("1" for
 * implicit TLS), CAPSTAN_SMTP_USER and CAPSTAN_SMTP_PASSWORD (both or neither), CAPSTAN_SMTP_FROM
 * (default "Capstan <capstan@localhost>") and CAPSTAN_SMTP_TIMEOUT_SECONDS (30).
 * @throws Error naming the variable when a port or timeout is not a positive number.
 */
export function smtpFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpSettings | null {
  if (!env.CAPSTAN_SMTP_HOST) return null;
  const positive = (name: string, fallback: number) => {
    const v = Number(env[name] ?? fallback);
    if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive whole number, not "${env[name]}"`);
    return v;
  };
  return {
    host: env.CAPSTAN_SMTP_HOST,
    port: positive("CAPSTAN_SMTP_PORT", 587),
    secure: env.CAPSTAN_SMTP_SECURE === "1",
    user: env.CAPSTAN_SMTP_USER || undefined,
    password: env.CAPSTAN_SMTP_PASSWORD || undefined,
    from: env.CAPSTAN_SMTP_FROM || "Capstan <capstan@localhost>",
    timeoutMs: positive("CAPSTAN_SMTP_TIMEOUT_SECONDS", 30) * 1000,
  };
}

/**
 * Sends one message through the SMTP server of `settings`; resolves when the server accepted it.
 * @throws the outbound policy's refusal, or nodemailer's error (which names no password) when the
 * server cannot be reached in time or refuses the message.
 */
export async function sendMail(settings: SmtpSettings, mail: Mail, policy: OutboundPolicy = outboundPolicy()): Promise<void> {
  const [checked] = await resolveAllowed(settings.host, policy);
  const transport = nodemailer.createTransport({
    host: checked!.address,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? "" } : undefined,
    // The certificate is checked against the name the operator configured, not the address.
    tls: net.isIP(settings.host) ? {} : { servername: settings.host },
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  try {
    await transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text });
  } finally {
    transport.close();
  }
}
