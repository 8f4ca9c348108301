"use client";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmDelete } from "@/components/ui/confirm-delete";

/** Deletes through the REST API after the person types the name, then goes to `after`. */
export function DeleteButton({ name, url, after }: { name: string; url: string; after: string }) {
  const t = useT();
  const router = useRouter();
  return (
    <ConfirmDelete
      name={name}
      label={t("common.delete")}
      onDelete={() => apiFetch(url, { method: "DELETE" })}
      onDone={() => {
        router.push(after);
        router.refresh();
      }}
    />
  );
}
