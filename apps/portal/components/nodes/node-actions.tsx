"use client";
// A node's transition buttons (only the moves its status allows) and its editable labels.
import { isKubernetesLabel, type NodeDetail, type NodeStatus } from "@capstan/domain";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { Field, FormError, useApiMutation } from "@/components/ui/form";
import { TransitionDialog } from "@/components/nodes/transition-dialog";

export function NodeTransitions({ node }: { node: Pick<NodeDetail, "cluster" | "name" | "allowed"> }) {
  const t = useT();
  const router = useRouter();
  return (
    <span className="flex flex-wrap gap-2">
      {node.allowed.map((to: NodeStatus) => (
        <TransitionDialog
          key={to}
          label={`${t("nodes.transition")}: ${t(`nodes.${to}`)}`}
          title={t("nodes.confirmOne", { name: node.name, to: t(`nodes.${to}`) })}
          to={to}
          count={1}
          onConfirm={(input) => apiFetch(`/api/v1/nodes/${node.cluster}/${node.name}/transition`, { method: "POST", body: { to, ...input } })}
          onDone={() => router.refresh()}
        />
      ))}
    </span>
  );
}

const toText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .filter(([k]) => !isKubernetesLabel(k))
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
const fromText = (text: string) =>
  Object.fromEntries(
    text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => [l.split("=")[0]!.trim(), l.slice(l.indexOf("=") + 1).trim()] as const),
  );

export function NodeLabelsEditor({ node }: { node: Pick<NodeDetail, "cluster" | "name" | "labels" | "version"> }) {
  const t = useT();
  const router = useRouter();
  const [text, setText] = useState(() => toText(node.labels));
  const save = useApiMutation(
    () => apiFetch(`/api/v1/nodes/${node.cluster}/${node.name}/labels`, { method: "PUT", body: { labels: fromText(text), version: node.version } }),
    {
      onSuccess: () => router.refresh(),
    },
  );
  const fieldErrors = Object.entries(save.fields).map(([k, v]) => `${k.replace(/^labels\./, "")}: ${v}`);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined);
      }}
    >
      <Field label={t("nodes.editLabels")} hint={t("nodes.labelsHint")} error={fieldErrors.join(" · ") || undefined}>
        {(p) => <textarea {...p} className="input font-mono text-xs" rows={6} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <FormError error={save.error} />
      <button type="submit" className="btn-primary" disabled={save.isPending}>
        {save.isPending ? t("common.saving") : t("common.save")}
      </button>
    </form>
  );
}
