"use client";
// An application's push webhook (docs/builds.md, "Push webhooks"), for those who may write: the URL to
// give the git host, whether a secret exists, and making or rotating it. The secret is shown once
// (SecretDialog) and kept nowhere, not in the query cache either.
import type { WebhookSecretDto } from "@capstan/domain";
import { useRef, useState, useSyncExternalStore } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError, useApiMutation } from "@/components/ui/form";
import { SecretDialog } from "@/components/ui/secret-dialog";

const noSubscription = () => () => {};
/** The page's origin in the browser; "" while rendered on the server (then filled in on hydration). */
const useOrigin = () =>
  useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );

export function WebhookPanel({ system, application, hasSecret }: { system: string; application: string; hasSecret: boolean }) {
  const t = useT();
  const [made, setMade] = useState(hasSecret);
  const [secret, setSecret] = useState<string | null>(null);
  const shown = useRef<HTMLDialogElement>(null);
  const url = `${useOrigin()}/api/v1/hooks/git/${system}/${application}`;
  const rotateUrl = `/api/v1/systems/${system}/applications/${application}/webhook-secret`;
  const reveal = (s: WebhookSecretDto) => {
    setMade(true);
    setSecret(s.secret);
    shown.current?.showModal();
  };
  // Both calls hand the answer to reveal and resolve to nothing, so no mutation state holds the secret.
  const make = useApiMutation(() => apiFetch<WebhookSecretDto>(rotateUrl, { method: "POST" }).then(reveal));
  return (
    <section className="card space-y-3" aria-labelledby="webhook-title" data-testid="webhook-panel">
      <h2 id="webhook-title" className="font-semibold">
        {t("webhook.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("webhook.help")}</p>
      <dl className="grid grid-cols-[8rem_1fr] items-center gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">{t("webhook.url")}</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <code className="break-all">{url}</code>
          <CopyButton text={url} label={t("webhook.url")} />
        </dd>
        <dt className="text-slate-500">{t("webhook.secret")}</dt>
        <dd data-testid="webhook-secret-state">{made ? t("webhook.secretSet") : t("webhook.secretNone")}</dd>
      </dl>
      {made ? (
        <ConfirmAction
          label={t("webhook.rotate")}
          triggerClass="btn-secondary"
          title={t("webhook.rotateTitle")}
          message={t("webhook.rotateHelp")}
          pendingLabel={t("webhook.making")}
          onConfirm={() => apiFetch<WebhookSecretDto>(rotateUrl, { method: "POST" }).then(reveal)}
          invalidate={[]}
        />
      ) : (
        <button type="button" className="btn-secondary" disabled={make.isPending} onClick={() => make.mutate()}>
          {make.isPending ? t("webhook.making") : t("webhook.make")}
        </button>
      )}
      <FormError error={make.error} />
      <details className="text-sm">
        <summary className="cursor-pointer">{t("webhook.howTo")}</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-600">
          <li>{t("webhook.howToGithub")}</li>
          <li>{t("webhook.howToGitlab")}</li>
          <li>{t("webhook.howToBranch")}</li>
        </ul>
      </details>
      <SecretDialog
        ref={shown}
        secret={secret}
        title={t("webhook.secretTitle", { application })}
        warning={t("webhook.secretWarning")}
        closeLabel={t("registry.close")}
        onClose={() => setSecret(null)}
        testId="webhook-secret"
      >
        <p className="text-sm text-slate-600">{t("webhook.secretUse")}</p>
        <code className="block rounded bg-slate-100 p-2 text-xs break-all">{url}</code>
      </SecretDialog>
    </section>
  );
}
