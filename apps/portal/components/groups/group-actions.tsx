"use client";
// What someone who may change a group can do with it: scale, roll out an image, follow a branch, restart every pod, delete.
import type { GroupDto } from "@capstan/domain";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { SaveError, useEditBase } from "@/components/ui/edit-conflict";
import { Field, useApiMutation } from "@/components/ui/form";
import { AskForQuotaLink } from "@/components/quotas/ask-for-quota-link";
import { ImageTagOptions, useImageTags } from "@/components/groups/image-tags";

/** Scale, roll out (offering the registry's tags, the running one marked), restart and delete one group. */
export function GroupActions({ url, group: g }: { url: string; group: GroupDto }) {
  const t = useT();
  const tags = useImageTags(g.system, g.application, g.dataCentre);
  const router = useRouter();
  const client = useQueryClient();
  const history = `${url}/revisions`;
  // scaling to 0 stops every pod: asked first (scaleToZero), every other count is sent at once
  const scaleToZero = useRef<HTMLDialogElement>(null);
  const scale = useApiMutation((replicas: number) => apiFetch(`${url}/scale`, { method: "POST", body: { replicas } }), { invalidate: [url] });
  // What the image box holds: rolling out the running image would change nothing, so it is not offered,
  // unless its tag was pushed again since the group pinned its digest (a rollout then runs the new bytes).
  const moved = tags.data?.items.find((i) => i.tag === g.imageTag && g.imageDigest !== null && i.digest !== g.imageDigest);
  // The page polls the group: a rollout or follow typed here is sent at the version its typing started
  // from, so another change meanwhile is a 409, not silently replaced (edit-conflict.tsx). A box not typed in
  // shows the group as polled, so after someone else's change (and a kept edit of the other box) it shows theirs.
  const rolloutBase = useEditBase(g.version);
  const followBase = useEditBase(g.version);
  const [typedImage, setImage] = useState(g.imageTag);
  const image = rolloutBase.started ? typedImage : g.imageTag;
  const [typedBranch, setBranch] = useState(g.follow?.branch ?? "");
  const branch = followBase.started ? typedBranch : (g.follow?.branch ?? "");
  const rollout = useApiMutation((image: string) => apiFetch(`${url}/rollout`, { method: "POST", body: { image, version: rolloutBase.version } }), {
    invalidate: [url, history],
    onSuccess: () => rolloutBase.reset(),
  });
  // Following a branch changes no pod (no revision); an empty branch stops following.
  const follow = useApiMutation(
    (branch: string) => apiFetch(url, { method: "PATCH", body: { follow: branch ? { branch } : null, version: followBase.version } }),
    { invalidate: [url], onSuccess: () => followBase.reset() },
  );
  // An autoscaled group's count is its autoscaler's: the scale control says so instead of failing with a 409.
  const autoscaled = g.autoscaling
    ? t("autoscaling.scaleDisabled", { minReplicas: g.autoscaling.minReplicas, maxReplicas: g.autoscaling.maxReplicas })
    : undefined;
  return (
    <div className="card space-y-4">
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const replicas = Number(new FormData(e.currentTarget).get("replicas"));
          if (replicas === 0 && g.replicas !== 0) scaleToZero.current?.showModal();
          else scale.mutate(replicas);
        }}
      >
        <div className="flex-1">
          <Field label={t("groups.replicas")} error={scale.fields.replicas} hint={autoscaled}>
            {(p) => <input {...p} name="replicas" type="number" min={0} max={500} defaultValue={g.replicas} className="input" disabled={Boolean(autoscaled)} />}
          </Field>
        </div>
        <button type="submit" className="btn-secondary" disabled={scale.isPending || Boolean(autoscaled)} title={autoscaled}>
          {t("groups.scale")}
        </button>
      </form>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          rollout.mutate(image.trim());
        }}
      >
        <div className="flex-1">
          <Field
            label={t("groups.changeImage")}
            error={rollout.fields.image}
            hint={tags.isError ? t("groups.tagsUnavailable") : moved ? t("groups.tagMoved", { digest: moved.digest.slice(7, 19) }) : undefined}
          >
            {(p) => (
              <input
                {...p}
                name="image"
                className="input font-mono"
                value={image}
                onChange={(e) => {
                  rolloutBase.start();
                  setImage(e.target.value);
                }}
                list="rollout-tags"
                autoComplete="off"
              />
            )}
          </Field>
          <ImageTagOptions id="rollout-tags" tags={tags.data} current={g.imageTag} />
        </div>
        <button type="submit" className="btn-secondary" disabled={rollout.isPending || (image.trim() === g.imageTag && !moved)}>
          {t("groups.rollout")}
        </button>
      </form>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          follow.mutate(branch.trim());
        }}
      >
        <div className="flex-1">
          <Field label={t("groups.follow")} error={follow.fields["follow.branch"] ?? follow.fields.follow} hint={t("groups.followHint")}>
            {(p) => (
              <input
                {...p}
                name="follow"
                className="input font-mono"
                value={branch}
                onChange={(e) => {
                  followBase.start();
                  setBranch(e.target.value);
                }}
                autoComplete="off"
              />
            )}
          </Field>
        </div>
        <button type="submit" className="btn-secondary" disabled={follow.isPending}>
          {t("common.save")}
        </button>
      </form>
      <ConfirmAction
        label={null}
        dialog={scaleToZero}
        danger
        title={t("groups.scaleToZeroTitle", { name: g.name })}
        message={t("groups.scaleToZeroHelp", { replicas: g.replicas })}
        pendingLabel={t("groups.scaling")}
        onConfirm={() => apiFetch(`${url}/scale`, { method: "POST", body: { replicas: 0 } })}
        invalidate={[url]}
      />
      <SaveError
        error={
          scale.fields.replicas
            ? null
            : (scale.error ?? (rollout.fields.image ? null : (rollout.error ?? (Object.keys(follow.fields).length ? null : follow.error))))
        }
        onReload={() => {
          // Drop what was typed: the group's current image and branch show again (read now, not at the next poll).
          void client.invalidateQueries({ queryKey: [url] }).then(() => {
            rolloutBase.reset();
            followBase.reset();
            rollout.reset();
            follow.reset();
          });
        }}
        onKeep={() => {
          // The box typed in keeps its value, saved next at the current version; the other shows theirs.
          void client.invalidateQueries({ queryKey: [url] }).then(() => {
            const now = client.getQueryData<GroupDto>([url]);
            if (!now) return;
            if (rolloutBase.started) rolloutBase.rebase(now.version);
            if (followBase.started) followBase.rebase(now.version);
            rollout.reset();
            follow.reset();
          });
        }}
      />
      {scale.fields.replicas ? <AskForQuotaLink error={scale.error} /> : null}
      <div className="flex flex-wrap gap-2">
        <ConfirmAction
          label={t("groups.restart")}
          title={t("groups.restartTitle", { name: g.name })}
          message={t("groups.restartHelp")}
          pendingLabel={t("groups.restarting")}
          onConfirm={() => apiFetch(`${url}/restart`, { method: "POST" })}
          invalidate={[url, history]}
        />
        <ConfirmDelete
          name={g.name}
          label={t("common.delete")}
          onDelete={() => apiFetch(url, { method: "DELETE" })}
          onDone={() => router.push(`/systems/${g.system}/applications/${g.application}`)}
        />
      </div>
    </div>
  );
}
