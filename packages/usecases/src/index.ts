// Every use case, one per file: authorised, validated, transactional and audited.
// Both the REST API (apps/portal/app/api) and the pages call these. Every function exported here is a
// use case taking a `Context` and has a row in authorisation.int.test.ts (which checks it); what runs
// without an authorised actor (sign-in, the worker's and the API's plumbing) is in ./internal.
export type { Context, Credential } from "./context";
export type { Page } from "./page";
export type { KeysetPage } from "./keyset";

export { listDepartments } from "./departments/list-departments";
export { getDepartment } from "./departments/get-department";
export { createDepartment } from "./departments/create-department";
export { updateDepartment } from "./departments/update-department";
export { deleteDepartment } from "./departments/delete-department";
export { listDepartmentMembers } from "./departments/list-department-members";
export { addDepartmentMember } from "./departments/add-department-member";
export { setDepartmentMemberRole } from "./departments/set-department-member-role";
export { removeDepartmentMember } from "./departments/remove-department-member";
export type { DepartmentDto } from "./departments/department-dto";

export { listSystems } from "./systems/list-systems";
export { getSystem } from "./systems/get-system";
export { createSystem } from "./systems/create-system";
export { updateSystem } from "./systems/update-system";
export { deleteSystem } from "./systems/delete-system";
export { listSystemMembers } from "./systems/list-system-members";
export { addSystemMember } from "./systems/add-system-member";
export { removeSystemMember } from "./systems/remove-system-member";
export type { SystemDto } from "./systems/system-dto";

export { listApplications } from "./applications/list-applications";
export { getApplication } from "./applications/get-application";
export { getApplicationOverview } from "./applications/get-application-overview";
export { createApplication } from "./applications/create-application";
export { updateApplication } from "./applications/update-application";
export { deleteApplication } from "./applications/delete-application";
export type { ApplicationDto } from "./applications/application-dto";
export { createBuild } from "./builds/create-build";
export { listBuilds } from "./builds/list-builds";
export { getBuild } from "./builds/get-build";
export { cancelBuild } from "./builds/cancel-build";
export { groupLogs } from "./logs/group-logs";
export { buildLog } from "./builds/build-log";
export { rotateWebhookSecret } from "./builds/rotate-webhook-secret";

export { getSystemRegistry } from "./images/get-system-registry";
export { createPushRobot } from "./images/create-push-robot";
export { rotatePushRobot } from "./images/rotate-push-robot";
export { deletePushRobot } from "./images/delete-push-robot";
export { listImages } from "./images/list-images";
export { deleteImageTag } from "./images/delete-image-tag";
export { promoteImage } from "./images/promote-image";

export { createApiToken } from "./tokens/create-api-token";
export { listApiTokens } from "./tokens/list-api-tokens";
export { revokeApiToken } from "./tokens/revoke-api-token";
export type { TokenDto } from "./tokens/token-dto";

export { listAuditEvents } from "./audit/list-audit-events";

export { getMe, type Me } from "./users/get-me";
export { listUsers } from "./users/list-users";
export { createUser } from "./users/create-user";
export { updateUser } from "./users/update-user";
export type { UserDto } from "./users/user-dto";
export { changeOwnPassword } from "./users/change-own-password";
export { setOwnLocale } from "./users/set-own-locale";

export { listDataCentres } from "./data-centres/list-data-centres";
export { getDataCentre } from "./data-centres/get-data-centre";
export { registerDataCentre } from "./data-centres/register-data-centre";
export { updateDataCentre } from "./data-centres/update-data-centre";
export { deleteDataCentre } from "./data-centres/delete-data-centre";
export type { DataCentreDto } from "./data-centres/data-centre-dto";

export { listClusters } from "./clusters/list-clusters";
export { getCluster } from "./clusters/get-cluster";
export { registerCluster } from "./clusters/register-cluster";
export { updateCluster } from "./clusters/update-cluster";
export { deleteCluster } from "./clusters/delete-cluster";
export { checkCluster } from "./clusters/check-cluster";
export type { ClusterDto } from "./clusters/cluster-dto";

export { listGroups } from "./groups/list-groups";
export { getGroup } from "./groups/get-group";
export { getGroupMetrics } from "./metrics/get-group-metrics";
export { getFleetDensity } from "./metrics/get-fleet-density";
export { getNodeMetrics } from "./metrics/get-node-metrics";
// What Capstan applied, beside the cluster's objects (issue 17).
export { getGroupManifests } from "./manifests/get-group-manifests";
export { getSystemManifests } from "./manifests/get-system-manifests";
export { listGroupEvents } from "./events/list-group-events";
export { listNodeEvents } from "./events/list-node-events";
export { createGroup } from "./groups/create-group";
export { updateGroup } from "./groups/update-group";
export { scaleGroup } from "./groups/scale-group";
export { setGroupAutoscaling } from "./groups/set-group-autoscaling";
export { stopGroupAutoscaling } from "./groups/stop-group-autoscaling";
export { deleteGroup } from "./groups/delete-group";
export { rolloutGroup } from "./groups/rollout-group";
export { rollbackGroup } from "./groups/rollback-group";
export { restartGroup } from "./groups/restart-group";
export { listGroupRevisions, type GroupRevisionDto } from "./groups/list-group-revisions";
export type { GroupDto } from "./groups/group-dto";
export { listLoadBalancers } from "./load-balancers/list-load-balancers";
export { getLoadBalancer } from "./load-balancers/get-load-balancer";
export { createLoadBalancer } from "./load-balancers/create-load-balancer";
export { updateLoadBalancer } from "./load-balancers/update-load-balancer";
export { deleteLoadBalancer } from "./load-balancers/delete-load-balancer";
export { setLoadBalancerMembers } from "./load-balancers/set-load-balancer-members";
export { takeOutMember } from "./load-balancers/take-out-member";
export { putBackMember } from "./load-balancers/put-back-member";
export { takeOutPod } from "./load-balancers/take-out-pod";
export { putBackPod } from "./load-balancers/put-back-pod";
export { listLoadBalancerHistory } from "./load-balancers/list-load-balancer-history";
export { listLoadBalancerEvents } from "./load-balancers/list-load-balancer-events";
export { getLoadBalancerStats } from "./load-balancers/get-load-balancer-stats";

export { getSystemQuotas, getSystemQuota } from "./quotas/get-system-quotas";
export { setSystemQuota } from "./quotas/set-system-quota";
export { getDepartmentQuotas, getDepartmentQuota } from "./quotas/get-department-quotas";
export { setDepartmentQuota } from "./quotas/set-department-quota";
export type { QuotaView } from "./quotas/quota-view";

export { listQuotaRequests } from "./quota-requests/list-quota-requests";
export { createQuotaRequest } from "./quota-requests/create-quota-request";
export { systemsToAskQuotaFor } from "./quota-requests/systems-to-ask-quota-for";
export { approveQuotaRequest } from "./quota-requests/approve-quota-request";
export { rejectQuotaRequest } from "./quota-requests/reject-quota-request";
export type { QuotaRequestDto } from "./quota-requests/quota-request-dto";
export { listNodes, type NodePage } from "./nodes/list-nodes";
export { getFleetOverview } from "./nodes/get-fleet-overview";
export type { Capacity, FleetCounts } from "./nodes/fleet-rollup";
export { getNode, type NodeDetail, type TransitionDetail } from "./nodes/get-node";
export { transitionNode } from "./nodes/transition-node";
export { setNodeLabels } from "./nodes/set-node-labels";
export { getNodeInitChecks } from "./nodes/get-node-init-checks";
export { setNodeInitChecks } from "./nodes/set-node-init-checks";
export type { NodeInitChecksDto } from "./nodes/node-init-checks";
export { getLabelPolicy } from "./label-policy/get-label-policy";
export { setLabelPolicy } from "./label-policy/set-label-policy";
export type { LabelPolicyDto } from "./label-policy/read-label-policy";
export { bulkTransitionNodes } from "./nodes/bulk-transition-nodes";
export { getNodeBulkTransition, type NodeBulkTransitionDto } from "./nodes/get-node-bulk-transition";
export type { NodeDto } from "./nodes/node-dto";
export { previewPlacement } from "./groups/preview-placement";
export { listImageTags } from "./applications/list-image-tags";
export { myGroupHealth } from "./groups/my-group-health";

export { listNotifications } from "./notifications/list-notifications";
export { markNotificationRead } from "./notifications/mark-notification-read";
export { markAllNotificationsRead } from "./notifications/mark-all-notifications-read";
export { getNotificationPreferences } from "./notifications/get-notification-preferences";
export { setNotificationPreferences } from "./notifications/set-notification-preferences";
export { getNotificationTarget } from "./notifications/get-notification-target";
export { setNotificationTarget } from "./notifications/set-notification-target";
export { globalSearch, type SearchResults } from "./global-search/global-search";

export { getDeveloperDashboard } from "./dashboard/get-developer-dashboard";
export { getDepartmentAdminDashboard } from "./dashboard/get-department-admin-dashboard";
export { getOpsDashboard } from "./dashboard/get-ops-dashboard";
export { getPlatformDashboard } from "./dashboard/get-platform-dashboard";
export { createTerminalTicket } from "./terminal/create-terminal-ticket";
