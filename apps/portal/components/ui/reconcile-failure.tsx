// The worker's last failure to put an object in place, as its controller records it (ReconcileFailureSchema:
// message, CamelCase reason, time, attempts since the last success). Shown on the object's page, so a user
// sees why it is not converging without the worker's log. Renders on the server or in the browser: the page
// passes its translated texts.
import type { ReconcileFailure as Failure } from "@capstan/domain";
import type { Translate } from "@/messages";
import { en } from "@/messages/en";
import { Time } from "@/components/ui/time";

/** One failure: `where` names the part that fails (a cluster, a data centre), `summary` the reason and attempts. */
export function ReconcileFailure({ failure, where, summary }: { failure: Failure; where?: string; summary: string }) {
  return (
    <li className="space-y-0.5">
      {where ? <span className="font-medium">{where}: </span> : null}
      <span>{failure.lastError}</span>
      <span className="block text-xs">
        {summary} <Time at={failure.lastErrorAt} />
      </span>
    </li>
  );
}

/** A card listing what fails now; nothing when the list is empty. */
export function ReconcileFailures({ title, children }: { title: string; children: React.ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <section role="alert" className="card space-y-2 border-red-300 bg-red-50 text-sm text-red-800">
      <h2 className="font-semibold">{title}</h2>
      <ul className="space-y-2">{children}</ul>
    </section>
  );
}

/**
 * A failure's CamelCase reason for the reader: "Forbidden" → "Capstan's credentials are not allowed to do
 * this (Forbidden)" from the catalogues' `reconcileReasons`, the code kept for searching logs and docs; a
 * reason they lack (such as `Http418`) as it is.
 */
export function reconcileReasonText(t: Translate, reason: string | null): string {
  if (!reason) return "";
  return Object.hasOwn(en.reconcileReasons, reason) ? `${t(`reconcileReasons.${reason as keyof typeof en.reconcileReasons}`)} (${reason})` : reason;
}
