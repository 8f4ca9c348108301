// The catalogue of error reasons: each stable code a DomainError can carry as its `reason`, with its
// HTTP kind (`code`, `status`) and its English text, where `{param}` is filled from the error's `params`.
// The API sends the English text as `message` and the reason and params beside it, so the portal can
// render the same message in the reader's language. A reason, once published, keeps its meaning and
// params; a changed message gets a new reason.
import { isAmountUnit, readableAmount } from "./units";

/** One entry: the error's kind (the API's `error.code`), its HTTP status and its English template. */
export interface ErrorReasonEntry {
  code: string;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503;
  en: string;
}

export const ERROR_REASONS = {
  invalid_request: { code: "invalid", status: 422, en: "Invalid request: {summary}" },
  /** Anything not a DomainError: the details go to the log, never to the client. */
  internal: { code: "internal", status: 500, en: "Something went wrong on our side." },
  invalid_query: { code: "bad_request", status: 400, en: "Invalid query: {summary}" },
  unauthenticated: { code: "unauthenticated", status: 401, en: "Sign in or send a valid API token." },
  forbidden: { code: "forbidden", status: 403, en: "You are not allowed to do this." },
  password_change_required: { code: "password_change_required", status: 403, en: "Change your password first: it was set for you and must be replaced." },
  not_found: { code: "not_found", status: 404, en: '{what} "{name}" was not found.' },
  stale_version: { code: "stale_version", status: 409, en: '{what} "{name}" was changed by someone else. Reload and try again.' },
  database_refused: { code: "bad_request", status: 400, en: "The request was refused: {detail}" },
  registry_answered: { code: "registry_unavailable", status: 502, en: "The registry of {dataCentre} answered {status}." },
  registry_unreachable: { code: "registry_unavailable", status: 502, en: "The registry of {dataCentre} could not be reached." },
  /** Every database connection stayed taken for the whole wait (a burst of changes on a loaded database). */
  database_busy: { code: "busy", status: 503, en: "Capstan is too busy to make this change now. Nothing was changed; try again in a moment." },
  // Messages without params, one per refusal.
  account_unknown_or_disabled: { code: "unauthenticated", status: 401, en: "Your account is unknown or disabled." },
  approve_at_most_asked: { code: "invalid", status: 422, en: "Approve at most what was asked." },
  cannot_change_own_account: { code: "invalid", status: 422, en: "You cannot disable yourself or change your own platform role." },
  concurrent_change: { code: "conflict", status: 409, en: "Someone else changed this at the same time. Try again." },
  current_password_wrong: { code: "invalid", status: 422, en: "The current password is wrong." },
  cursor_unknown: { code: "bad_request", status: 400, en: "Invalid query: cursor is not one this list returned" },
  data_centre_required: { code: "invalid", status: 422, en: "Say which data centre's registry to list." },
  exclusive_cpu_needs_whole_cpus: { code: "invalid", status: 422, en: "Exclusive CPU needs whole CPUs." },
  forbidden_change_account: { code: "forbidden", status: 403, en: "Only platform admins change accounts." },
  forbidden_change_cluster: { code: "forbidden", status: 403, en: "Only platform admins change clusters." },
  forbidden_change_data_centre: { code: "forbidden", status: 403, en: "Only platform admins change data centres." },
  forbidden_change_label_policy: { code: "forbidden", status: 403, en: "Only platform admins change the label policy." },
  forbidden_change_node_init_checks: { code: "forbidden", status: 403, en: "Only platform admins change the node init checks." },
  forbidden_change_node_labels: { code: "forbidden", status: 403, en: "Only platform admins and ops change node labels." },
  forbidden_check_cluster: { code: "forbidden", status: 403, en: "Only platform admins and ops check clusters." },
  forbidden_create_account: { code: "forbidden", status: 403, en: "Only platform admins create accounts." },
  forbidden_create_department: { code: "forbidden", status: 403, en: "Only platform admins create departments." },
  forbidden_delete_department: { code: "forbidden", status: 403, en: "Only platform admins delete departments." },
  forbidden_edit_department: { code: "forbidden", status: 403, en: "Only platform admins edit departments." },
  forbidden_list_other_tokens: { code: "forbidden", status: 403, en: "Only platform admins list other people's tokens." },
  forbidden_list_people: { code: "forbidden", status: 403, en: "Only platform admins and ops list people." },
  forbidden_read_audit_log: { code: "forbidden", status: 403, en: "Only admins and ops read the audit log." },
  forbidden_read_node_init_checks: { code: "forbidden", status: 403, en: "Only platform admins and ops read the node init checks." },
  forbidden_read_node_transitions: { code: "forbidden", status: 403, en: "Only platform admins and ops see node transitions." },
  forbidden_read_nodes: { code: "forbidden", status: 403, en: "Only platform admins and ops see the node fleet." },
  forbidden_read_other_audit_log: { code: "forbidden", status: 403, en: "You can read only your own departments' audit log." },
  forbidden_register_cluster: { code: "forbidden", status: 403, en: "Only platform admins register clusters." },
  forbidden_register_data_centre: { code: "forbidden", status: 403, en: "Only platform admins register data centres." },
  forbidden_remove_cluster: { code: "forbidden", status: 403, en: "Only platform admins remove clusters." },
  forbidden_remove_data_centre: { code: "forbidden", status: 403, en: "Only platform admins remove data centres." },
  forbidden_set_department_quota: { code: "forbidden", status: 403, en: "Only platform admins set department quotas." },
  forbidden_transition_nodes: { code: "forbidden", status: 403, en: "Only platform admins and ops change the state of nodes." },
  harbor_password_required: { code: "invalid", status: 422, en: "Enter the Harbor password again when changing the Harbor URL." },
  idempotency_key_malformed: { code: "invalid", status: 422, en: "The Idempotency-Key header must be 1–200 visible ASCII characters." },
  idempotency_key_other_body: { code: "invalid", status: 422, en: "This Idempotency-Key was used with a different request body." },
  idempotency_key_other_request: { code: "invalid", status: 422, en: "This Idempotency-Key was used for a different request." },
  idempotency_key_running: { code: "conflict", status: 409, en: "The first request with this Idempotency-Key is still running; retry in a moment." },
  idempotency_key_secret_result: {
    code: "conflict",
    status: 409,
    en: "The first request with this Idempotency-Key was answered with a secret, which is shown only once and cannot be replayed. Send a new key to make another.",
  },
  name_taken: { code: "conflict", status: 409, en: "That name is already taken." },
  new_password_same: { code: "invalid", status: 422, en: "Choose a new password." },
  no_node_matches: { code: "invalid", status: 422, en: "No node matches the filter." },
  password_managed_by_sso: { code: "forbidden", status: 403, en: "Your account signs in through SSO: change your password there." },
  reference_removed: { code: "conflict", status: 409, en: "Something this refers to was removed meanwhile. Reload and try again." },
  token_cannot_create_tokens: { code: "forbidden", status: 403, en: "An API token cannot create API tokens; sign in to the portal to make one." },
  token_expired: { code: "unauthenticated", status: 401, en: "The API token has expired." },
  token_malformed: { code: "unauthenticated", status: 401, en: "The API token is malformed." },
  token_unknown_or_revoked: { code: "unauthenticated", status: 401, en: "The API token is unknown or revoked." },
  // Messages with params.
  already_department_member: { code: "conflict", status: 409, en: '{email} is already a member of department "{department}".' },
  already_system_member: { code: "conflict", status: 409, en: '{email} is already a member of system "{system}".' },
  cluster_not_in_data_centre: { code: "invalid", status: 422, en: 'Cluster "{cluster}" is not in data centre "{dataCentre}".' },
  cluster_unknown: { code: "invalid", status: 422, en: 'There is no cluster "{cluster}".' },
  data_centre_unknown: { code: "invalid", status: 422, en: 'There is no data centre "{dataCentre}".' },
  field_taken: { code: "conflict", status: 409, en: "That {field} is already taken." },
  forbidden_ask_quota: { code: "forbidden", status: 403, en: 'Only developers of system "{system}" can ask for its quota.' },
  forbidden_change_application: { code: "forbidden", status: 403, en: 'You cannot change applications in system "{system}".' },
  forbidden_change_group: { code: "forbidden", status: 403, en: 'You cannot change groups in system "{system}".' },
  forbidden_create_application: { code: "forbidden", status: 403, en: 'You cannot create applications in system "{system}".' },
  forbidden_create_group: { code: "forbidden", status: 403, en: 'You cannot create groups in system "{system}".' },
  forbidden_create_system: { code: "forbidden", status: 403, en: 'Only admins of department "{department}" create systems in it.' },
  forbidden_delete_application: { code: "forbidden", status: 403, en: 'You cannot delete applications in system "{system}".' },
  forbidden_delete_group: { code: "forbidden", status: 403, en: 'You cannot delete groups in system "{system}".' },
  forbidden_delete_system: { code: "forbidden", status: 403, en: 'Only admins of department "{department}" delete its systems.' },
  forbidden_edit_system: { code: "forbidden", status: 403, en: 'Only admins of department "{department}" edit its systems.' },
  forbidden_manage_department_members: { code: "forbidden", status: 403, en: 'Only admins of department "{department}" manage its members.' },
  forbidden_manage_system_members: { code: "forbidden", status: 403, en: 'Only admins of department "{department}" manage system members.' },
  forbidden_restart_group: { code: "forbidden", status: 403, en: 'You cannot restart groups in system "{system}".' },
  forbidden_roll_back_group: { code: "forbidden", status: 403, en: 'You cannot roll back groups in system "{system}".' },
  forbidden_roll_out_group: { code: "forbidden", status: 403, en: 'You cannot roll out groups in system "{system}".' },
  forbidden_scale_group: { code: "forbidden", status: 403, en: 'You cannot scale groups in system "{system}".' },
  forbidden_open_terminal: { code: "forbidden", status: 403, en: 'Only developers of system "{system}" and platform admins open terminals in its pods.' },
  terminal_pod_not_running: { code: "conflict", status: 409, en: 'Pod "{pod}" is {phase}: a terminal needs a running container.' },
  forbidden_set_system_quota: { code: "forbidden", status: 403, en: 'Only admins of the department can set quotas of system "{system}".' },
  group_already_at_revision: { code: "conflict", status: 409, en: 'Group "{group}" already has the spec of revision {revision}.' },
  group_already_runs_image: { code: "conflict", status: 409, en: 'Group "{group}" already runs image {image}.' },
  group_being_deleted: { code: "conflict", status: 409, en: 'Group "{group}" is being deleted.' },
  group_autoscaled: {
    code: "conflict",
    status: 409,
    en: 'Group "{group}" autoscales between {minReplicas} and {maxReplicas} replicas: change its minimum or maximum instead, or turn autoscaling off.',
  },
  forbidden_autoscale_group: { code: "forbidden", status: 403, en: 'You cannot change the autoscaling of groups in system "{system}".' },
  group_name_refused: { code: "invalid", status: 422, en: 'Group name "{name}" {problem}.' },
  harbor_url_refused: { code: "invalid", status: 422, en: "The Harbor URL cannot be used: {problem}." },
  powerdns_url_refused: { code: "invalid", status: 422, en: "The PowerDNS URL cannot be used: {problem}." },
  powerdns_settings_required: { code: "invalid", status: 422, en: "PowerDNS needs its API URL and API key." },
  webhook_url_refused: { code: "invalid", status: 422, en: "The webhook URL cannot be used: {problem}." },
  forbidden_change_department_notifications: { code: "forbidden", status: 403, en: "Only admins of the department change where its notifications go." },
  image_not_in_registry: { code: "invalid", status: 422, en: "{system}/{application}:{tag} is not in the registry of {dataCentre}." },
  kubeconfig_server_refused: { code: "invalid", status: 422, en: "The kubeconfig's cluster server cannot be used: {problem}." },
  no_reachable_cluster: { code: "invalid", status: 422, en: 'Data centre "{dataCentre}" has no reachable cluster.' },
  node_already_in_status: { code: "conflict", status: 409, en: "The node is already {status}." },
  node_changed_meanwhile: { code: "conflict", status: 409, en: 'Node "{node}" changed state meanwhile. Reload and try again.' },
  node_transition_not_allowed: { code: "conflict", status: 409, en: "{node} cannot move to {status}; it can move to {allowed}." },
  not_department_member: { code: "invalid", status: 422, en: '{email} is not a member of department "{department}".' },
  password_weak: { code: "invalid", status: 422, en: "Choose a harder password: this one {problem}." },
  system_still_being_deleted: {
    code: "conflict",
    status: 409,
    en: 'System "{system}" is still being deleted from the clusters and registries; create it again once that has finished.',
  },
  user_unknown: { code: "invalid", status: 422, en: "No user has the email {email}." },
  // Refusals naming what is in the way.
  application_has_groups: { code: "conflict", status: 409, en: 'Application "{application}" still has groups: {groups}. Delete them first.' },
  // Load balancers (docs/load-balancers.md).
  forbidden_change_load_balancer: { code: "forbidden", status: 403, en: 'You cannot change load balancers in system "{system}".' },
  load_balancer_exists: {
    code: "conflict",
    status: 409,
    en: 'System "{system}" already has a load balancer "{loadBalancer}" (application "{application}"); names are unique in a system, whose namespace holds their objects.',
  },
  load_balancer_being_deleted: { code: "conflict", status: 409, en: 'Load balancer "{loadBalancer}" is being deleted.' },
  lb_domain_taken: { code: "conflict", status: 409, en: "The name {domain} is already taken." },
  lb_domain_outside_zone: { code: "invalid", status: 422, en: 'The name {domain} is not under {zone}, the DNS zone of data centre "{dataCentre}".' },
  lb_no_dns_zone: { code: "invalid", status: 422, en: 'Data centre "{dataCentre}" has no DNS zone, so its load balancers cannot have names yet.' },
  lb_cluster_required: { code: "invalid", status: 422, en: 'Data centre "{dataCentre}" has {count} clusters: say which one the load balancer goes in.' },
  lb_group_unknown: { code: "invalid", status: 422, en: 'Application "{application}" has no group "{group}".' },
  lb_group_other_cluster: {
    code: "invalid",
    status: 422,
    en: 'Group "{group}" runs in cluster "{groupCluster}", not in the load balancer\'s cluster "{cluster}".',
  },
  lb_group_being_deleted: { code: "invalid", status: 422, en: 'Group "{group}" is being deleted.' },
  lb_pod_not_member: { code: "invalid", status: 422, en: 'Pod "{pod}" is not a pod of the member groups of load balancer "{loadBalancer}".' },
  lb_algorithm_not_of_kind: { code: "invalid", status: 422, en: "The algorithm {algorithm} is not one of {kind}'s: {algorithms}." },
  lb_http_only_on_tcp: { code: "invalid", status: 422, en: "{field} is an HTTP setting: a TCP balancer cannot use it." },
  group_is_balanced: {
    code: "conflict",
    status: 409,
    en: 'Group "{group}" is a member of load balancer "{loadBalancer}": take it out of the balancer\'s members first.',
  },
  application_has_load_balancers: {
    code: "conflict",
    status: 409,
    en: 'Application "{application}" still has load balancers: {loadBalancers}. Delete them first.',
  },
  cluster_runs_groups: { code: "conflict", status: 409, en: 'Cluster "{cluster}" still runs groups: {groups}. Move or delete them first.' },
  data_centre_dns_in_use: {
    code: "conflict",
    status: 409,
    en: 'Data centre "{dataCentre}" has load balancer names: {names}. Remove them before changing its DNS zone or provider.',
  },
  data_centre_has_clusters: { code: "conflict", status: 409, en: 'Data centre "{dataCentre}" still has clusters: {clusters}. Remove them first.' },
  department_has_systems: { code: "conflict", status: 409, en: 'Department "{department}" still has systems: {systems}. Delete them first.' },
  forbidden_decide_quota_request: { code: "forbidden", status: 403, en: "Only admins of the department decide its quota requests." },
  quota_request_decided: { code: "conflict", status: 409, en: "This request was already {status}." },
  quota_request_escalated: { code: "forbidden", status: 403, en: "This request waits for a platform admin." },
  system_has_applications: { code: "conflict", status: 409, en: 'System "{system}" still has applications: {applications}. Delete them first.' },
  // Refusals listing their parts: each part is also in `fieldReasons`, with its own reason and params,
  // so a translation can list them from there; the English joins their English texts.
  department_quota_below_given: {
    code: "conflict",
    status: 409,
    en: 'The systems of "{department}" were already given more than that in {dataCentre}: {overcommits}. Lower their quotas first.',
  },
  label_policy_in_use: { code: "conflict", status: 409, en: "Still in use: {uses}" },
  label_policy_refused: { code: "invalid", status: 422, en: "{violations}" },
  node_labels_break_policy: { code: "invalid", status: 422, en: "The labels break the label policy: {violations}" },
  placement_refused: { code: "invalid", status: 422, en: "{violations}" },
  quota_exceeded: { code: "conflict", status: 409, en: 'Over the quota of system "{system}" in {dataCentre}: {shortfalls}.' },
  quota_exceeded_none_set: {
    code: "conflict",
    status: 409,
    en: 'Over the quota of system "{system}" in {dataCentre}: {shortfalls}. System "{system}" has no quota in {dataCentre} yet: ask for one.',
  },
  rollout_cannot_complete: {
    code: "conflict",
    status: 409,
    en: 'Group "{group}" cannot be rolled in {cluster}: the quota of system "{system}" in {dataCentre} has no room to replace its pods there ({shortfalls}). Scale a group of the system down there, or ask for more quota, first.',
  },
  system_quota_below_use: { code: "conflict", status: 409, en: 'The groups of "{system}" already use more than that in {dataCentre}: {inUse}.' },
  system_quota_over_department: { code: "conflict", status: 409, en: "That is more than the department has left in {dataCentre}: {overcommits}." },
  system_quota_over_department_none_set: {
    code: "conflict",
    status: 409,
    en: "That is more than the department has left in {dataCentre}: {overcommits}. The department has no quota there yet.",
  },
  // More refusals with params.
  group_exists: { code: "conflict", status: 409, en: 'Application "{application}" already has a group "{group}".' },
  group_object_name_taken: { code: "conflict", status: 409, en: 'Group {otherApplication}/{otherGroup} already uses the name "{objectName}" in this system.' },
  kubeconfig_unreadable: { code: "invalid", status: 422, en: "The kubeconfig {problem}." },
  node_labels_kubernetes_owned: { code: "invalid", status: 422, en: "Kubernetes owns {labels}; leave them out." },
  nodes_unknown: { code: "invalid", status: 422, en: "Unknown nodes: {nodes}." },
  nodes_unknown_more: { code: "invalid", status: 422, en: "Unknown nodes: {nodes} and {more} more." },
  revision_not_found: { code: "not_found", status: 404, en: 'Revision {revision} of group "{group}" was not found.' },
  // Registry access and images (docs/images.md).
  forbidden_manage_push_robots: { code: "forbidden", status: 403, en: 'Only developers of system "{system}" manage its push robots.' },
  forbidden_change_images: { code: "forbidden", status: 403, en: 'Only developers of system "{system}" promote or delete its images.' },
  no_registry_quota: {
    code: "conflict",
    status: 409,
    en: 'System "{system}" has no quota in {dataCentre}, so it has no project in that registry. Ask for a quota there first.',
  },
  push_robot_exists: { code: "conflict", status: 409, en: 'A robot named "{name}" already exists in {dataCentre}.' },
  push_robot_not_found: { code: "not_found", status: 404, en: 'Robot "{name}" was not found in {dataCentre}.' },
  image_not_found: { code: "not_found", status: 404, en: "{reference} was not found in the registry of {dataCentre}." },
  image_tag_in_use: { code: "conflict", status: 409, en: "Tag {tag} is the current image of {groups}: roll them to another image first." },
  promotion_failed: { code: "registry_unavailable", status: 502, en: "Copying the image to {dataCentres} failed; the rest was copied." },
  // The HTTP layer's refusals (apps/portal/lib/server).
  api_path_unknown: { code: "not_found", status: 404, en: "There is nothing at this API path; see /api/v1/openapi.json." },
  authorization_malformed: { code: "unauthenticated", status: 401, en: "Use “Authorization: Bearer <token>”." },
  body_not_json: { code: "bad_request", status: 400, en: "The body is not valid JSON." },
  // RFC 9112 §3.2: a request without Host is a 400; the terminal ticket needs it to name the gateway's address.
  request_no_host: { code: "bad_request", status: 400, en: "The request names no host, so the terminal gateway's address cannot be given." },
  body_not_json_type: { code: "unsupported_media_type", status: 415, en: "Send the body as application/json." },
  body_not_utf8: { code: "bad_request", status: 400, en: "The body is not valid UTF-8." },
  body_too_large: { code: "payload_too_large", status: 413, en: "The body is larger than {limitKiB} KiB." },
  cross_site_request: {
    code: "csrf",
    status: 403,
    en: "Refused as a possible cross-site request forgery: a change made with the session cookie must come from the portal's own pages, with the {header} header and the portal's Origin. Scripts should send \"Authorization: Bearer <token>\" instead.",
  },
  path_not_utf8: { code: "bad_request", status: 400, en: "The path is not valid percent-encoded UTF-8." },
  path_refused: { code: "not_found", status: 404, en: "Nothing is at this path: it {problem}." },
  query_repeated: { code: "bad_request", status: 400, en: "Invalid query: {parameter} must be given once" },
  path_value_refused: { code: "not_found", status: 404, en: "No {parameter} has that name: it {problem}." },
  query_value_refused: { code: "bad_request", status: 400, en: "Invalid query: {parameter} {problem}" },
  log_streams_exceeded: { code: "throttled", status: 429, en: "You already have {limit} log streams open, the most allowed. Close one and try again." },
  log_no_previous_container: { code: "bad_request", status: 400, en: 'Pod "{pod}" has no previous container: it has not restarted.' },
  log_refused: { code: "bad_request", status: 400, en: 'The cluster refused the log of pod "{pod}" (HTTP {status}): its container may not have started yet.' },
  log_cluster_unreachable: { code: "cluster_unavailable", status: 502, en: 'The cluster of pod "{pod}" could not be reached for its log.' },
  sign_in_throttled: { code: "throttled", status: 429, en: "Too many sign-in attempts. Try again in {minutes} minutes." },
  // Builds and their webhook (docs/builds.md).
  forbidden_build: { code: "forbidden", status: 403, en: "Only developers of system {system} build its applications." },
  build_no_repository: { code: "conflict", status: 409, en: "Application {application} has no git repository to build from." },
  build_no_data_centre: { code: "conflict", status: 409, en: "System {system} has no quota in any data centre, so there is no registry to push a build to." },
  build_no_quota_in_data_centre: {
    code: "conflict",
    status: 409,
    en: "System {system} has no quota in {dataCentre}, so a build cannot push to its registry there.",
  },
  build_ended: { code: "conflict", status: 409, en: "Build {number} has already ended ({status})." },
  webhook_signature_invalid: { code: "unauthenticated", status: 401, en: "The webhook's signature or token does not match the application's secret." },
  webhook_event_unknown: { code: "bad_request", status: 400, en: "Not a push event from GitHub, Gitea or GitLab." },
} as const satisfies Record<string, ErrorReasonEntry>;

export type ErrorReason = keyof typeof ERROR_REASONS;
/**
 * Values filled into a reason's template: names and numbers. Amounts travel as numbers in the unit named
 * by the param `unit` (units.ts AmountUnit: "millicores", "MiB" or "count"); in a reason with a `unit`,
 * every number is such an amount and is filled in readably ("2.5 cores", "1.8 GiB"), so a client can
 * word it in its own language.
 */
export type ErrorParams = Record<string, string | number>;

/**
 * The English text of `reason` with `params` filled in.
 * @throws Error when the template names a param that `params` lacks (a programming error).
 */
export function renderReason(reason: ErrorReason, params: ErrorParams): string {
  return fill(ERROR_REASONS[reason].en, params, `error reason ${reason}`);
}

function fill(template: string, params: ErrorParams, what: string): string {
  const unit = params.unit;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`${what} needs the param ${name}`);
    const v = params[name]!;
    return typeof v === "number" && isAmountUnit(unit) ? readableAmount(unit, v) : String(v);
  });
}

/**
 * The outcomes of a node's init checks (node-lifecycle.ts runInitChecks), which the worker records on the
 * node (Node.checkResults) beside their English text: a stable reason and its params per check, so the
 * portal can show them in the reader's language.
 */
export const INIT_CHECK_REASONS = {
  node_ready: "The node is Ready.",
  node_not_ready: "The node is not Ready.",
  kubelet_minimum_invalid: 'The minimum kubelet version "{minimum}" in the check settings is not a version.',
  kubelet_unreported: "The kubelet has not reported its version yet.",
  kubelet_unreadable: 'Kubelet version "{version}" cannot be read.',
  kubelet_recent_enough: "Kubelet {version} is at least {minimum}.",
  kubelet_too_old: "Kubelet {version} is older than the required {minimum}.",
  label_set: "Label {key}={value} is set.",
  label_missing: "Label {key} is missing.",
  label_empty: "Label {key} is empty.",
} as const satisfies Record<string, string>;

export type InitCheckReason = keyof typeof INIT_CHECK_REASONS;

/** The English text of the init-check outcome `reason` with `params` filled in; throws like renderReason. */
export function renderInitCheckReason(reason: InitCheckReason, params: ErrorParams): string {
  return fill(INIT_CHECK_REASONS[reason], params, `init check reason ${reason}`);
}

/**
 * The catalogue of field reasons: why one field (a request body's path such as "quota.cpu", a query or
 * path parameter, a header) was refused, with its English text. The API sends the English per field in
 * `fields` and the reason and params per field in `fieldReasons`. Zod's issue codes are reasons here too
 * (https://zod.dev/api?id=issue-codes: too_small, too_big, invalid_type …), with the issue's own params
 * (minimum, maximum, expected, origin …); the English sent for them is the schema's own wording.
 */
export const FIELD_REASONS = {
  // Zod's issue codes, and what validation.ts adds.
  required: "is required",
  unknown_field: "is not a known field",
  invalid_type: "must be {expected}",
  too_small: "must be at least {minimum}",
  too_big: "must be at most {maximum}",
  invalid_format: "is not a valid {format}",
  not_multiple_of: "must be a multiple of {divisor}",
  invalid_value: "must be one of {values}",
  invalid_union: "matches none of the accepted forms",
  invalid_key: "has a key that is not accepted",
  invalid_element: "has an element that is not accepted",
  /** A refinement of a schema (a zod custom issue) that names no reason of its own. */
  custom: "is not valid",
  // Refinements naming their reason (zod's custom issues with `params: { reason }`).
  not_dns_label: "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit",
  not_dns_1035_label: "must start with a letter",
  not_dns_name:
    "must be a lower-case DNS name: labels of letters, digits and '-' (1–63 characters, not starting or ending with '-') separated by dots, at most 253 characters, no trailing dot",
  not_harbor_project_name: "must not have two '-' in a row",
  name_reserved: "is reserved",
  application_name_too_long: "must be at most {maximum} characters",
  not_image_reference: "must be an image reference: [registry[:port]/]repository[:tag][@digest]",
  listed_twice: 'lists "{value}" twice',
  no_amount_asked: "ask for more of at least one resource",
  nodes_or_filter: "give either nodes or filter",
  tag_or_digest: "give either tag or digest",
  promote_to_itself: "must not include the data centre promoted from",
  not_label_key: "must be a label key: [prefix/]name, the name at most 63 letters, digits, '-', '_' or '.'",
  not_label_value: "must be a label value: at most 63 letters, digits, '-', '_' or '.'",
  not_quantity: "must be a quantity such as {example}",
  not_single_line: "must be a single line",
  only_for_offline: "applies only to a move to OFFLINE (a drain)",
  quantity_out_of_range: "must be a quantity from {minimum} to {maximum}",
  repeated_label: "must not repeat a label",
  max_below_min_replicas: "must be at least minReplicas",
  utilisation_target_required: "give a CPU or a memory utilisation target",
  not_a_git_branch: "must be a git branch name",
  not_repository_path: "must be a path inside the repository, from its root: no leading '/' and no '..'",
  not_git_url: "must be a {schemes} URL",
  repeated_variable: "must not repeat a variable",
  whole_millicores: "must be a whole number of millicores (1m is the finest step)",
  not_domain_name: "must be a domain name: lower-case DNS labels joined by '.', without the trailing dot",
  port_reserved: "must not be {ports}: the data plane uses them",
  algorithm_not_of_kind: "must be one of {algorithms} for {kind}",
  http_only: "is for HTTP balancers only: a TCP balancer cannot use it",
  repeated_name: "must not repeat a name",
  repeated_group: "must not repeat a group",
  // Text no field accepts (text.ts).
  control_character: "must not contain control characters ({character} at position {position})",
  lone_surrogate: "must be valid Unicode (it has a lone surrogate)",
  key_control_character: "has a key that must not contain control characters ({character} at position {position})",
  key_lone_surrogate: "has a key that must be valid Unicode (it has a lone surrogate)",
  // The HTTP layer.
  body_not_json: "is not valid JSON",
  body_not_json_type: "must be JSON",
  body_not_utf8: "is not valid UTF-8",
  body_too_large: "is too large",
  header_missing: "is missing",
  origin_missing: "is missing (and so is Referer)",
  origin_other: "must be {origin}",
  origin_not_portal: "must be the portal's origin",
  path_not_utf8: "is not valid percent-encoded UTF-8",
  path_unknown: "names no API resource",
  given_twice: "must be given once",
  // Quotas (quota.ts) and the label policy (label-policy.ts, label-policy-change.ts).
  // Amounts in the unit named by `unit` (ErrorParams).
  quota_short: "{resource}: asked {asked}, {free} free",
  quota_short_more: "{resource}: asked {total} in all, {asked} more, {free} free",
  quota_overcommitted: "{resource}: systems add up to {total}, the department has {limit}",
  quota_below_use: "{resource}: {used} in use, more than {quota}",
  label_missing_zone: "has no {labels} label",
  label_unknown_zone: "is not a known zone",
  label_reserved_zone: "is reserved for dedicated work",
  label_unknown_resource_label: "names resource labels that are not known: {labels}",
  label_bad_flag_value: 'must be "true" or absent: {labels}',
  label_exclusive_conflict: "combines {labels}, which exclude each other",
  label_bad_policy: "is not a usable policy: {labels}",
  label_still_used: "is still used: {values}",
  // Use cases.
  already_member: "is already a member",
  being_deleted: "is still being deleted",
  cluster_not_in_data_centre: "is not in data centre {dataCentre}",
  cluster_unknown: "is not a known cluster",
  current_image: "is the current image",
  current_spec: "is the current spec",
  cursor_unknown: "is not one this list returned",
  data_centre_unknown: "is not a known data centre",
  idempotency_key_malformed: "must be 1–200 visible ASCII characters",
  idempotency_key_other_body: "was used with a different request body",
  idempotency_key_other_request: "was used for a different request",
  idempotency_key_running: "is in use by a running request",
  idempotency_key_secret_result: "was answered with a secret that cannot be replayed",
  image_not_in_registry: "is not in the registry of {dataCentre}",
  kubeconfig_server_refused: "has a cluster server that cannot be used: {problem}",
  kubeconfig_unreadable: "{problem}",
  managed_by_kubernetes: "is managed by Kubernetes",
  matches_no_node: "matches no node",
  no_reachable_cluster: "has no reachable cluster",
  node_already_in_status: "is already the node's status",
  node_transition_not_allowed: "must be {allowed} when the node is {from}",
  node_transition_not_allowed_new: "must be {allowed} when the node is new",
  nodes_unknown: "names nodes that do not exist",
  not_a_revision: "is not a revision of this group",
  not_a_container: "is not a container of pod {pod}",
  not_department_member: "is not a member of department {department}",
  not_found: "does not exist",
  own_account: "cannot change your own",
  password_unchanged: "must differ from the current password",
  password_wrong: "is wrong",
  required_with_harbor_url: "is required when the Harbor URL changes",
  required_with_powerdns: "is required when the DNS provider is POWERDNS",
  stale_version: "out of date",
  taken: "is already taken",
  unknown: "is unknown",
  user_unknown: "is not a known user",
  // Problems other modules word (the outbound policy, the group name rules, the password checker): the
  // English problem is the param.
  group_name_refused: "{problem}",
  harbor_url_refused: "{problem}",
  powerdns_url_refused: "{problem}",
  dns_in_use: "cannot change while load balancers have names here",
  webhook_url_refused: "{problem}",
  password_weak: "{problem}",
  more_than_asked: "must not be more than was asked",
  lb_domain_outside_zone: "must be under {zone}, the DNS zone of {dataCentre}",
  lb_no_dns_zone: "cannot be set: data centre {dataCentre} has no DNS zone",
  lb_group_unknown: "is not a group of application {application}",
  lb_group_other_cluster: "runs in cluster {groupCluster}, not in {cluster}",
  lb_pod_not_member: "is not a pod of the balancer's member groups",
  whole_cpus_when_exclusive: "must be whole CPUs (1, 2, …) when the CPU mode is exclusive",
} as const satisfies Record<string, string>;

export type FieldReason = keyof typeof FIELD_REASONS;

/** The English text of the field reason `reason` with `params` filled in; throws like renderReason. */
export function renderFieldReason(reason: FieldReason, params: ErrorParams): string {
  return fill(FIELD_REASONS[reason], params, `field reason ${reason}`);
}
