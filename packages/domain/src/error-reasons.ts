// The catalogue of error reasons: each stable code a DomainError can carry as its `reason`, with its
// HTTP kind (`code`, `status`) and its English text, where `{param}` is filled from the error's `params`.
// The API sends the English text as `message` and the reason and params beside it, so the portal can
// render the same message in the reader's language. A reason, once published, keeps its meaning and
// params; a changed message gets a new reason.

/** One entry: the error's kind (the API's `error.code`), its HTTP status and its English template. */
export interface ErrorReasonEntry {
  code: string;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502;
  en: string;
}

export const ERROR_REASONS = {
  invalid_request: { code: "invalid", status: 422, en: "Invalid request: {summary}" },
  invalid_query: { code: "bad_request", status: 400, en: "Invalid query: {summary}" },
  unauthenticated: { code: "unauthenticated", status: 401, en: "Sign in or send a valid API token." },
  forbidden: { code: "forbidden", status: 403, en: "You are not allowed to do this." },
  password_change_required: { code: "password_change_required", status: 403, en: "Change your password first: it was set for you and must be replaced." },
  not_found: { code: "not_found", status: 404, en: '{what} "{name}" was not found.' },
  stale_version: { code: "stale_version", status: 409, en: '{what} "{name}" was changed by someone else. Reload and try again.' },
  database_refused: { code: "bad_request", status: 400, en: "The request was refused: {detail}" },
  registry_answered: { code: "registry_unavailable", status: 502, en: "The registry of {dataCentre} answered {status}." },
  registry_unreachable: { code: "registry_unavailable", status: 502, en: "The registry of {dataCentre} could not be reached." },
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
  forbidden_set_system_quota: { code: "forbidden", status: 403, en: 'Only admins of the department can set quotas of system "{system}".' },
  group_already_at_revision: { code: "conflict", status: 409, en: 'Group "{group}" already has the spec of revision {revision}.' },
  group_already_runs_image: { code: "conflict", status: 409, en: 'Group "{group}" already runs image {image}.' },
  group_being_deleted: { code: "conflict", status: 409, en: 'Group "{group}" is being deleted.' },
  group_name_refused: { code: "invalid", status: 422, en: 'Group name "{name}" {problem}.' },
  harbor_url_refused: { code: "invalid", status: 422, en: "The Harbor URL cannot be used: {problem}." },
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
  application_has_load_balancers: {
    code: "conflict",
    status: 409,
    en: 'Application "{application}" still has load balancers: {loadBalancers}. Delete them first.',
  },
  cluster_runs_groups: { code: "conflict", status: 409, en: 'Cluster "{cluster}" still runs groups: {groups}. Move or delete them first.' },
  data_centre_has_clusters: { code: "conflict", status: 409, en: 'Data centre "{dataCentre}" still has clusters: {clusters}. Remove them first.' },
  department_has_systems: { code: "conflict", status: 409, en: 'Department "{department}" still has systems: {systems}. Delete them first.' },
  forbidden_decide_quota_request: { code: "forbidden", status: 403, en: "Only admins of the department decide its quota requests." },
  quota_request_decided: { code: "conflict", status: 409, en: "This request was already {status}." },
  quota_request_escalated: { code: "forbidden", status: 403, en: "This request waits for a platform admin." },
  system_has_applications: { code: "conflict", status: 409, en: 'System "{system}" still has applications: {applications}. Delete them first.' },
} as const satisfies Record<string, ErrorReasonEntry>;

export type ErrorReason = keyof typeof ERROR_REASONS;
/** Values filled into a reason's template: names, numbers, already-formatted quantities. */
export type ErrorParams = Record<string, string | number>;

/**
 * The English text of `reason` with `params` filled in.
 * @throws Error when the template names a param that `params` lacks (a programming error).
 */
export function renderReason(reason: ErrorReason, params: ErrorParams): string {
  return ERROR_REASONS[reason].en.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`error reason ${reason} needs the param ${name}`);
    return String(params[name]);
  });
}
