// The query parameters of the large lists (groups, systems, applications, people): search and paging
// (ListQuery), a whitelisted `sort` (list-sort.ts) and each list's filters. One schema per list serves
// the use case and the contract, so the OpenAPI document lists every parameter the server reads.
import { APPLICATION_SORTS, GROUP_SORTS, SYSTEM_SORTS, sortParam, USER_SORTS } from "./list-sort";
import { dnsLabel } from "./names";
import { GroupPhaseSchema } from "./responses";
import { ListQuery, QueryFlag } from "./schemas";

/**
 * Groups: `system`, `dataCentre` and `phase` filters, `mine=true` for groups of the actor's systems only;
 * sorted by `application` (system, then application, then group name) unless `sort` says otherwise.
 */
export const GroupListQuery = ListQuery.extend({
  system: dnsLabel.optional(),
  dataCentre: dnsLabel.optional(),
  phase: GroupPhaseSchema.optional(),
  /** Only groups of systems the actor is a member of: a developer's dashboard. */
  mine: QueryFlag.optional(),
  sort: sortParam(GROUP_SORTS, "application"),
});
/** An application's groups (system and application are in the path). */
export const ApplicationGroupListQuery = GroupListQuery.omit({ system: true });

/**
 * Systems: `department` filter, `mine=true` for the actor's own, `writable=true` for those the actor may
 * create applications and groups in; sorted by name unless `sort` says otherwise.
 */
export const SystemListQuery = ListQuery.extend({
  department: dnsLabel.optional(),
  mine: QueryFlag.optional(),
  writable: QueryFlag.optional(),
  sort: sortParam(SYSTEM_SORTS, "name"),
});

/**
 * Applications of every visible system (`system` filter) or of one, `writable=true` for those of systems the
 * actor may create groups in; sorted by system then name unless `sort` says otherwise.
 */
export const ApplicationListQuery = ListQuery.extend({
  system: dnsLabel.optional(),
  writable: QueryFlag.optional(),
  sort: sortParam(APPLICATION_SORTS, "system"),
});
/** A system's applications (the system is in the path). */
export const SystemApplicationListQuery = ApplicationListQuery.omit({ system: true });

/** People: sorted by e-mail unless `sort` says otherwise. */
export const UserListQuery = ListQuery.extend({ sort: sortParam(USER_SORTS, "email") });

/** A group's phases in their lifecycle order, the choices of the groups list's status filter. */
export const GROUP_PHASES = GroupPhaseSchema.options;
