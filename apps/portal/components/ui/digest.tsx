"use client";
// An image digest as people read it: the first 12 hex digits (as docker and Harbor show them), the whole
// digest on hover and to copy; "not pinned" when none was recorded.
import { useT } from "@/lib/client/i18n";
import { CopyButton } from "@/components/ui/copy-button";

/** `digest` is `sha256:<64 hex>`, or null when unknown (a revision from before digests were pinned). */
export function Digest({ digest, copy = true }: { digest: string | null; copy?: boolean }) {
  const t = useT();
  if (!digest)
    return (
      <span className="text-xs text-slate-500" title={t("groups.unpinnedHelp")}>
        {t("groups.unpinned")}
      </span>
    );
  return (
    <span className="inline-flex items-center gap-1">
      <code className="text-xs" title={digest}>
        {digest.replace(/^sha256:/, "").slice(0, 12)}
      </code>
      {copy ? <CopyButton text={digest} label={digest} /> : null}
    </span>
  );
}
