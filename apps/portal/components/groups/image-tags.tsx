"use client";
// The tags of an application's repository in a data centre's registry (Harbor), offered by the forms that
// name an image: creating a group and rolling one out.
import type { ImageTagsDto as ImageTags } from "@capstan/domain";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { useFormatTime } from "@/components/ui/time";

/** The application's tags in data centre `dataCentre` (none asked while it is empty); a registry that fails is not retried. */
export function useImageTags(system: string, application: string, dataCentre: string) {
  const url = `/api/v1/systems/${system}/applications/${application}/images?dataCentre=${dataCentre}`;
  return useQuery({ queryKey: [url], queryFn: () => apiFetch<ImageTags>(url), enabled: Boolean(dataCentre), retry: false });
}

/**
 * A datalist of the tags for an image input's `list`: each labelled with when it was pushed and its digest,
 * and `current` (the tag the group runs) marked so.
 */
export function ImageTagOptions({ id, tags, current }: { id: string; tags: ImageTags | undefined; current?: string }) {
  const t = useT();
  const formatTime = useFormatTime();
  return (
    <datalist id={id}>
      {tags?.items.map((i) => (
        <option
          key={i.tag}
          value={i.tag}
          label={`${i.tag === current ? `${t("groups.current")} · ` : ""}${formatTime(i.pushedAt)} · ${i.digest.slice(7, 19)}`}
        />
      ))}
    </datalist>
  );
}
