// What is not a use case: code that runs without an authorised actor, so it is kept apart from the use
// cases (./index), each of which is checked in authorisation.int.test.ts. Import it as
// "@capstan/usecases/internal" only from the portal's server plumbing, the worker, scripts and benches.

// Authentication: establishes who the actor is, before there is one to authorise.
export { loadActor } from "./context";
export { authenticateToken } from "./tokens/authenticate-token";
export { passwordChangeRequired } from "./tokens/create-api-token";
export { signInWithPassword } from "./users/sign-in";
export { auditOidcRefusal, signInWithOidc, type OidcSignIn } from "./users/sign-in-with-oidc";
export { SignInThrottled } from "./users/sign-in-throttle";
export { authenticateSession, endSession, startSession } from "./sessions/sessions";
export { sessionSettings } from "./sessions/session-settings";

// The operator's scripts (first run, demo data): they act as the installation, not as a user.
export { hashPassword } from "./users/passwords";
export { assertStrongPassword } from "./users/password-policy";
export { revokeUserSessions } from "./sessions/sessions";

// The worker: it carries out what authorised use cases requested.
export { probeAndRecord } from "./clusters/check-cluster";
export { copyToDataCentres, type TargetOutcome } from "./images/promotion";
export { loadNodeInitChecks, toInitCheckConfig } from "./nodes/node-init-checks";
export { runNodeBulkTransition } from "./nodes/run-node-bulk-transition";
export { applyNodeTransition } from "./nodes/apply-node-transition";
export { stuckSql } from "./nodes/stuck-sql";
export { type FollowerOutcome, rolloutFollowers } from "./groups/rollout-followers";
export { followBuild, type FollowResult } from "./groups/follow-build";
// Load balancers: what the data plane is rendered from (the worker's controller), and which pods are a balancer's.
export { dataPlaneSpec, memberPods, memberServerWeights } from "./load-balancers/data-plane-spec";
export { loadBalancerPods } from "./load-balancers/load-balancer-rows";

// The API's plumbing (apps/portal/lib/server/api.ts): idempotency keys, database errors, secret results.
export { bodyHash, claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "./idempotency";
export { databaseError } from "./database-errors";
export { holdsSecret, withSecret } from "./secret-result";
// Notifications: raised in the transaction of the change (use cases, the worker), delivered by the worker.
export { DELIVERY_TASK, type Delivery, notify, type NotifyEvent } from "./notifications/notify";
export { departmentAdmins, opsPeople, platformAdmins, systemDevelopers } from "./notifications/audiences";

// Builds: a git host's push webhook (no user: the delivery's signature is its proof), and what the worker's
// build controller and a following group share.
export { receiveGitPush } from "./builds/receive-git-push";
export { queueBuild, type BuildRequest } from "./builds/queue-build";
export { toBuildDto } from "./builds/build-dto";
// Web terminals: the gateway (apps/gateway) redeems tickets and closes sessions (docs/terminal.md).
export { endTerminalSession, redeemTerminalTicket, type TerminalEndReason, type TerminalTarget, type TicketRefusal } from "./terminal/terminal-sessions";
// The group and system controllers' manifests are rendered from these, as is the view of what Capstan applied.
export { groupManifestInput, systemManifestInput } from "./manifests/manifest-inputs";
