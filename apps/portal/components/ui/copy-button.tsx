"use client";
// Copies a token or a command to the clipboard and says so. The Clipboard API needs a secure context
// (HTTPS or localhost); where it is refused, the person is told to copy by hand.
import { useState } from "react";
import { useT } from "@/lib/client/i18n";

/** A button that copies `text`; `label` names what is copied, for screen readers (e.g. "Copy: docker push …"). */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useT();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="btn-secondary px-2 py-0.5 text-xs"
        aria-label={label ? `${t("common.copy")}: ${label}` : undefined}
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setState("copied"),
            () => setState("failed"),
          )
        }
      >
        {state === "copied" ? t("common.copied") : t("common.copy")}
      </button>
      {state === "failed" ? (
        <span role="alert" className="text-xs text-red-700">
          {t("common.copyFailed")}
        </span>
      ) : null}
    </span>
  );
}
