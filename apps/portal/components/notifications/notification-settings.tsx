"use client";
// What one chooses to receive (per kind: in the portal, e-mail, webhook) and where e-mails and webhook
// posts go. The webhook URL is write-only: the server shows its host, never the URL.
import type { NotificationPreferences, NotificationTargetDto } from "@capstan/domain";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { type Column, Table } from "@/components/ui/data-table";
import { Field, FormError, useApiMutation } from "@/components/ui/form";
import { kindKey } from "./notification-text";

const CHANNELS = ["inApp", "email", "webhook"] as const;

export function NotificationSettings({ preferences, target }: { preferences: NotificationPreferences; target: NotificationTargetDto }) {
  const t = useT();
  const [prefs, setPrefs] = useState(preferences.preferences);
  const [current, setCurrent] = useState(target);
  const [saved, setSaved] = useState<"prefs" | "target" | null>(null);
  const savePrefs = useApiMutation((body: object) => apiFetch<NotificationPreferences>("/api/v1/me/notification-preferences", { method: "PUT", body }), {
    onSuccess: (p) => {
      setPrefs(p.preferences);
      setSaved("prefs");
    },
  });
  const saveTarget = useApiMutation((body: object) => apiFetch<NotificationTargetDto>("/api/v1/me/notification-target", { method: "PUT", body }), {
    onSuccess: (tg) => {
      setCurrent(tg);
      setSaved("target");
    },
  });
  return (
    <div className="space-y-6">
      <form
        className="card space-y-3"
        aria-labelledby="notification-kinds"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(null);
          savePrefs.mutate({ preferences: prefs });
        }}
      >
        <h2 id="notification-kinds" className="font-medium">
          {t("notifications.preferences")}
        </h2>
        <p className="text-sm text-slate-600">{t("notifications.preferencesIntro")}</p>
        <Table
          label={t("notifications.preferences")}
          rows={prefs}
          rowKey={(p) => p.kind}
          columns={[
            { id: "kind", header: t("notifications.kind"), cell: ({ row: { original: p } }) => t(kindKey(p.kind)) },
            ...CHANNELS.map(
              (c): Column<(typeof prefs)[number]> => ({
                id: c,
                header: t(`notifications.${c}`),
                cell: ({ row: { original: p, index: i } }) => (
                  <input
                    type="checkbox"
                    aria-label={`${t(kindKey(p.kind))}: ${t(`notifications.${c}`)}`}
                    checked={p[c]}
                    onChange={(e) => setPrefs(prefs.map((x, j) => (j === i ? { ...x, [c]: e.target.checked } : x)))}
                  />
                ),
              }),
            ),
          ]}
        />
        <div className="flex items-center gap-3">
          <button type="submit" className="btn-primary" disabled={savePrefs.isPending}>
            {t("common.save")}
          </button>
          {saved === "prefs" ? (
            <span role="status" className="text-sm text-emerald-700">
              {t("notifications.saved")}
            </span>
          ) : null}
        </div>
        <FormError error={savePrefs.error} />
      </form>

      <form
        className="card grid gap-3"
        aria-labelledby="notification-target"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(null);
          const f = new FormData(e.currentTarget);
          const url = String(f.get("webhookUrl") ?? "").trim();
          saveTarget.mutate({
            email: String(f.get("email") ?? "").trim() || null,
            ...(f.get("removeWebhook") ? { webhookUrl: null } : url ? { webhookUrl: url } : {}),
            webhookFormat: f.get("webhookFormat"),
            version: current.version,
          });
        }}
      >
        <h2 id="notification-target" className="font-medium">
          {t("notifications.target")}
        </h2>
        <Field label={t("notifications.targetEmail")} error={saveTarget.fields.email}>
          {(p) => <input {...p} name="email" type="email" className="input" defaultValue={current.email ?? ""} />}
        </Field>
        <p className="text-sm text-slate-600">
          {current.webhookHost ? t("notifications.webhookCurrent", { host: current.webhookHost }) : t("notifications.webhookNone")}
        </p>
        <Field label={t("notifications.webhookUrl")} error={saveTarget.fields.webhookUrl}>
          {(p) => <input {...p} name="webhookUrl" type="url" className="input" autoComplete="off" placeholder="https://" />}
        </Field>
        <p className="text-xs text-slate-500">{t("notifications.webhookUrlHint")}</p>
        {current.webhookHost ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="removeWebhook" /> {t("notifications.webhookRemove")}
          </label>
        ) : null}
        <Field label={t("notifications.webhookFormat")} error={saveTarget.fields.webhookFormat}>
          {(p) => (
            <select {...p} name="webhookFormat" className="input" defaultValue={current.webhookFormat}>
              <option value="msgtype">{t("notifications.formatMsgtype")}</option>
              <option value="slack">{t("notifications.formatSlack")}</option>
            </select>
          )}
        </Field>
        <div className="flex items-center gap-3">
          <button type="submit" className="btn-primary" disabled={saveTarget.isPending}>
            {t("common.save")}
          </button>
          {saved === "target" ? (
            <span role="status" className="text-sm text-emerald-700">
              {t("notifications.saved")}
            </span>
          ) : null}
        </div>
        <FormError error={saveTarget.error} />
      </form>
    </div>
  );
}
