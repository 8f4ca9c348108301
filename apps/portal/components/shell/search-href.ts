import type { SearchHit } from "@capstan/domain";

const seg = encodeURIComponent;

/**
 * The portal page of a global search hit: a system, application or group page; a node page; a person on
 * the people page (platform roles) or, for others, on the department page that lists them.
 */
export function searchHref(hit: SearchHit): string {
  switch (hit.kind) {
    case "system":
      return `/systems/${seg(hit.name)}`;
    case "application":
      return `/systems/${seg(hit.system ?? "")}/applications/${seg(hit.name)}`;
    case "group":
      return `/systems/${seg(hit.system ?? "")}/applications/${seg(hit.application ?? "")}/groups/${seg(hit.name)}`;
    case "node":
      return `/nodes/${seg(hit.cluster ?? "")}/${seg(hit.name)}`;
    case "person":
      return hit.department ? `/departments/${seg(hit.department)}` : `/users?q=${seg(hit.name)}`;
  }
}
