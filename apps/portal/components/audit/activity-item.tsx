"use client";
// One audit event as a sentence that links to its object, with how long ago it happened.
import Link from "next/link";
import { useT } from "@/lib/client/i18n";
import { Time } from "@/components/ui/time";
import { type ActivityEvent, activitySentence } from "./activity-sentence";

/** "Lin Lead approved a quota request for shop in dc1 · 5 minutes ago", the sentence linking to the request. */
export function ActivityItem({ event, at }: { event: ActivityEvent; at?: string }) {
  const t = useT();
  const s = activitySentence(event);
  const text = t(s.key, s.params);
  return (
    <>
      {s.href ? (
        <Link className="link" href={s.href}>
          {text}
        </Link>
      ) : (
        text
      )}
      {at ? (
        <span className="text-slate-500">
          {" · "}
          <Time at={at} relative />
        </span>
      ) : null}
    </>
  );
}
