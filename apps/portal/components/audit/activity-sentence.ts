// Activity in readable sentences: each audit action (as use cases, the worker and the operator's scripts
// write it) maps to a catalogue sentence under `activity` with its params, and to the page of the object
// it concerns. "quota-request.approve" on "shop in dc1" reads "Lin Lead approved a quota request for shop
// in dc1", linking to that request; an action this table does not know reads `activity.unknown`.
import type { AuditEventDto } from "@capstan/domain";
import type { MessageKey } from "@/messages";

/** What a sentence is made from: an audit event, with the actor's display name when known. */
export type ActivityEvent = Pick<AuditEventDto, "action" | "actor" | "targetId" | "targetName" | "after"> & { actorName?: string | null };

/** A sentence to render with `t(key, params)`, and the page of its object (of its parent when the event removed it; null: none). */
export interface ActivitySentence {
  key: MessageKey;
  params: Record<string, string | number>;
  href: string | null;
}

type Params = Record<string, string | number>;
interface Rule {
  key: MessageKey;
  href?: (e: ActivityEvent) => string | null;
  params?: (e: ActivityEvent) => Params;
}

const field = (e: ActivityEvent, name: string): string => {
  const v = e.after && typeof e.after === "object" ? (e.after as Record<string, unknown>)[name] : undefined;
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
};
/** "<a>/<b>/<c>" target ids (system/application/group, cluster/node, system/data centre) split in parts. */
const part = (e: ActivityEvent, i: number) => e.targetId.split("/")[i] ?? "";
/** Quota targets are named "<system or department> in <data centre>". */
const inDc = (e: ActivityEvent): Params => {
  const at = e.targetName.lastIndexOf(" in ");
  return at < 0 ? { owner: e.targetName, dataCentre: "" } : { owner: e.targetName.slice(0, at), dataCentre: e.targetName.slice(at + 4) };
};
const quotaRequest = (key: MessageKey): Rule => ({ key, href: (e) => `/quotas?request=${e.targetId}`, params: inDc });
const group = (key: MessageKey, gone = false): Rule => ({
  key,
  href: (e) => (gone ? `/systems/${part(e, 0)}/applications/${part(e, 1)}` : `/systems/${part(e, 0)}/applications/${part(e, 1)}/groups/${part(e, 2)}`),
  params: (e) => ({ system: part(e, 0), application: part(e, 1) }),
});
/** Load balancers: target "<system>/<application>/<balancer>"; `after` names the group or pod taken out or put back. */
const loadBalancer = (key: MessageKey, gone = false): Rule => ({
  key,
  href: (e) => (gone ? `/systems/${part(e, 0)}/applications/${part(e, 1)}` : `/systems/${part(e, 0)}/applications/${part(e, 1)}/load-balancers/${part(e, 2)}`),
  params: (e) => ({ system: part(e, 0), application: part(e, 1), group: field(e, "group"), pod: field(e, "pod") }),
});
/** Web terminals: target "<system>/<application>/<group>/<pod>"; `after` names the container and, at the end, the bytes. */
const terminal = (key: MessageKey): Rule => ({
  key,
  href: (e) => `/systems/${part(e, 0)}/applications/${part(e, 1)}/groups/${part(e, 2)}`,
  params: (e) => ({
    system: part(e, 0),
    application: part(e, 1),
    group: part(e, 2),
    container: field(e, "container"),
    bytesIn: field(e, "bytesIn"),
    bytesOut: field(e, "bytesOut"),
  }),
});
const application = (key: MessageKey, gone = false): Rule => ({
  key,
  href: (e) => (gone ? `/systems/${part(e, 0)}` : `/systems/${part(e, 0)}/applications/${part(e, 1)}`),
  params: (e) => ({ system: part(e, 0) }),
});
/** Builds are audited with their DTO as `after` (system, application, number). */
const build = (key: MessageKey): Rule => ({
  key,
  href: (e) => `/systems/${field(e, "system")}/applications/${field(e, "application")}/builds/${e.targetId}`,
  params: (e) => ({ system: field(e, "system"), application: field(e, "application"), number: field(e, "number") }),
});
const system = (key: MessageKey, gone = false): Rule => ({ key, href: gone ? () => "/systems" : (e) => `/systems/${e.targetId}` });
const department = (key: MessageKey, gone = false): Rule => ({ key, href: gone ? () => "/departments" : (e) => `/departments/${e.targetId}` });
const dataCentre = (key: MessageKey, gone = false): Rule => ({ key, href: gone ? () => "/data-centres" : (e) => `/data-centres/${e.targetId}` });
/** Push robots: target "<system>/<data centre>/<robot>", shown on the system's page. */
const robot = (key: MessageKey): Rule => ({
  key,
  href: (e) => `/systems/${part(e, 0)}`,
  params: (e) => ({ system: part(e, 0), dataCentre: part(e, 1) }),
});
/** Images: target "<system>/<application>:<tag>" or "…@<digest>", shown on the application's page. */
const image = (key: MessageKey): Rule => ({
  key,
  href: (e) => `/systems/${part(e, 0)}/applications/${part(e, 1).split(/[:@]/)[0]}`,
  params: (e) => ({ from: field(e, "from"), to: field(e, "to"), dataCentre: field(e, "dataCentre") }),
});
const toPage =
  (path: string) =>
  (key: MessageKey): Rule => ({ key, href: () => path });

/** The sentence of every audit action Capstan writes (activity-sentence.test.ts checks none is missing). */
export const ACTIVITY_SENTENCES: Record<string, Rule> = {
  "application.create": application("activity.applicationCreate"),
  "application.update": application("activity.applicationUpdate"),
  "application.delete": application("activity.applicationDelete", true),
  "application.webhook-rotate": application("activity.applicationWebhookRotate"),
  "build.create": build("activity.buildCreate"),
  "build.cancel": build("activity.buildCancel"),
  "auth.sign-in": toPage("/users")("activity.authSignIn"),
  "auth.sign-in-failed": toPage("/users")("activity.authSignInFailed"),
  "auth.sign-in-throttled": toPage("/users")("activity.authSignInThrottled"),
  "auth.sso-refused": { key: "activity.authSsoRefused", href: () => "/users", params: (e) => ({ reason: field(e, "reason") }) },
  "auth.sso-provisioned": toPage("/users")("activity.authSsoProvisioned"),
  "auth.sso-roles": toPage("/users")("activity.authSsoRoles"),
  "cluster.register": toPage("/data-centres")("activity.clusterRegister"),
  "cluster.update": toPage("/data-centres")("activity.clusterUpdate"),
  "cluster.check": { key: "activity.clusterCheck", href: () => "/data-centres", params: (e) => ({ status: field(e, "status") }) },
  "cluster.delete": toPage("/data-centres")("activity.clusterDelete"),
  "datacentre.register": dataCentre("activity.datacentreRegister"),
  "datacentre.update": dataCentre("activity.datacentreUpdate"),
  "datacentre.delete": dataCentre("activity.datacentreDelete", true),
  "department.create": department("activity.departmentCreate"),
  "department.update": department("activity.departmentUpdate"),
  "department.delete": department("activity.departmentDelete", true),
  "department.member.add": department("activity.departmentMemberAdd"),
  "department.member.remove": department("activity.departmentMemberRemove"),
  "department.member.role": department("activity.departmentMemberRole"),
  "group.create": group("activity.groupCreate"),
  "group.update": group("activity.groupUpdate"),
  "group.scale": { ...group("activity.groupScale"), params: (e) => ({ system: part(e, 0), application: part(e, 1), replicas: Number(field(e, "replicas")) }) },
  "group.autoscale": {
    ...group("activity.groupAutoscale"),
    params: (e) => ({
      system: part(e, 0),
      application: part(e, 1),
      minReplicas: Number(field(e, "minReplicas")),
      maxReplicas: Number(field(e, "maxReplicas")),
    }),
  },
  "group.autoscale-off": group("activity.groupAutoscaleOff"),
  "group.rollout": group("activity.groupRollout"),
  "group.rollback": group("activity.groupRollback"),
  "group.restart": group("activity.groupRestart"),
  "group.delete": group("activity.groupDelete", true),
  "load-balancer.create": loadBalancer("activity.loadBalancerCreate"),
  "load-balancer.update": loadBalancer("activity.loadBalancerUpdate"),
  "load-balancer.delete": loadBalancer("activity.loadBalancerDelete", true),
  "load-balancer.members": loadBalancer("activity.loadBalancerMembers"),
  "load-balancer.member-out": loadBalancer("activity.loadBalancerMemberOut"),
  "load-balancer.member-in": loadBalancer("activity.loadBalancerMemberIn"),
  "load-balancer.pod-out": loadBalancer("activity.loadBalancerPodOut"),
  "load-balancer.pod-in": loadBalancer("activity.loadBalancerPodIn"),
  "load-balancer.member-drained": loadBalancer("activity.loadBalancerMemberDrained"),
  "load-balancer.pod-drained": loadBalancer("activity.loadBalancerPodDrained"),
  "terminal.start": terminal("activity.terminalStart"),
  "terminal.end": terminal("activity.terminalEnd"),
  "image.promote": image("activity.imagePromote"),
  "image.tag.delete": image("activity.imageTagDelete"),
  "label-policy.set": toPage("/nodes/policy")("activity.labelPolicySet"),
  "node-init-checks.set": toPage("/nodes/policy")("activity.nodeInitChecksSet"),
  "node.transition": { key: "activity.nodeTransition", href: (e) => `/nodes/${e.targetId}`, params: (e) => ({ to: field(e, "status") }) },
  "node.bulk-transition": { key: "activity.nodeBulkTransition", href: () => "/nodes/overview", params: (e) => ({ to: field(e, "to") }) },
  "node.labels": { key: "activity.nodeLabels", href: (e) => `/nodes/${e.targetId}` },
  "notification.read": toPage("/notifications")("activity.notificationRead"),
  "notification.read-all": toPage("/notifications")("activity.notificationReadAll"),
  "notification.preferences.set": toPage("/notifications/settings")("activity.notificationPreferencesSet"),
  "notification.target.set": toPage("/notifications/settings")("activity.notificationTargetSet"),
  "quota-request.create": quotaRequest("activity.quotaRequestCreate"),
  "quota-request.approve": quotaRequest("activity.quotaRequestApprove"),
  "quota-request.escalate": quotaRequest("activity.quotaRequestEscalate"),
  "quota-request.reject": quotaRequest("activity.quotaRequestReject"),
  "quota.department.set": { key: "activity.quotaDepartmentSet", href: (e) => `/departments/${part(e, 0)}`, params: inDc },
  "quota.system.set": { key: "activity.quotaSystemSet", href: (e) => `/quotas?system=${part(e, 0)}&dataCentre=${part(e, 1)}`, params: inDc },
  "registry.robot.create": robot("activity.registryRobotCreate"),
  "registry.robot.rotate": robot("activity.registryRobotRotate"),
  "registry.robot.delete": robot("activity.registryRobotDelete"),
  "secrets.rotate": { key: "activity.secretsRotate" },
  "seed.bootstrap-admin": toPage("/users")("activity.seedBootstrapAdmin"),
  "seed.demo": { key: "activity.seedDemo" },
  "system.create": system("activity.systemCreate"),
  "system.update": system("activity.systemUpdate"),
  "system.delete": system("activity.systemDelete", true),
  "system.delete.project-kept": system("activity.systemDeleteProjectKept", true),
  "system.member.add": system("activity.systemMemberAdd"),
  "system.member.remove": system("activity.systemMemberRemove"),
  "token.create": toPage("/tokens")("activity.tokenCreate"),
  "token.revoke": toPage("/tokens")("activity.tokenRevoke"),
  "user.create": toPage("/users")("activity.userCreate"),
  "user.update": toPage("/users")("activity.userUpdate"),
  "user.password-change": toPage("/users")("activity.userPasswordChange"),
  "user.locale": toPage("/users")("activity.userLocale"),
  "user.password-reset": toPage("/users")("activity.userPasswordReset"),
};

/**
 * The sentence of an audit event: its catalogue key, params (`actor`: the actor's name, else their
 * e-mail; `target`: the target's name; `action`; and each action's own, e.g. `system`, `dataCentre`,
 * `replicas`) and the link to its object. Unknown actions get `activity.unknown`, which shows the action code.
 */
export function activitySentence(e: ActivityEvent): ActivitySentence {
  const rule = ACTIVITY_SENTENCES[e.action];
  const params: Params = { actor: e.actorName || e.actor, target: e.targetName, action: e.action };
  if (!rule) return { key: "activity.unknown", params, href: null };
  return { key: rule.key, params: { ...params, ...rule.params?.(e) }, href: rule.href?.(e) ?? null };
}
