// One object Capstan applies beside the cluster's copy, as YAML, with the drift between them in
// Capstan's fields (ownedFields in packages/domain) as a unified diff. Secrets never leave with values.
import { type Manifest, ownedFields, withoutServerBookkeeping } from "@capstan/domain";
import { createTwoFilesPatch } from "diff";
import { stringify as toYaml } from "yaml";

/** What a Secret's values are shown as: never the value, only whether the cluster's matches Capstan's. */
export const HIDDEN = "(hidden)";
export const HIDDEN_DIFFERS = "(hidden; differs from what Capstan applies)";

/** One object: `applied` and `live` as YAML (`live` null when the cluster has no such object), `drift`
 * when a field Capstan sets differs or is missing in the cluster, `diff` the unified diff of Capstan's
 * fields (applied → live; empty without drift). */
export interface ManifestComparison {
  kind: string;
  name: string;
  namespace: string | null;
  applied: string;
  live: string | null;
  drift: boolean;
  diff: string;
}

/** Compares a manifest with the live object (null: not in the cluster). Pure; never returns a Secret's values. */
export function compareManifest(applied: Manifest, live: Record<string, unknown> | null): ManifestComparison {
  const owned = live === null ? null : ownedFields(applied, live);
  const drift = owned === null || JSON.stringify(owned) !== JSON.stringify(applied);
  const [shownApplied, shownOwned, shownLive] =
    applied.kind === "Secret" ? hideSecretValues(applied, owned, live) : [applied, owned, live && withoutServerBookkeeping(live)];
  const appliedYaml = stringify(shownApplied);
  const ownedYaml = shownOwned === null ? "" : stringify(shownOwned);
  const name = `${applied.kind}/${applied.metadata.name}`;
  return {
    kind: applied.kind,
    name: applied.metadata.name,
    namespace: applied.metadata.namespace ?? null,
    applied: appliedYaml,
    live: shownLive === null ? null : stringify(shownLive),
    drift,
    diff: drift ? createTwoFilesPatch(`${name} (applied)`, `${name} (live)`, appliedYaml, ownedYaml, undefined, undefined, { context: 3 }) : "",
  };
}

/** YAML as kubectl shows it: objects the manifest shares (labels, probe handlers) written out, never as anchors. */
const stringify = (o: unknown) => toYaml(o, { aliasDuplicateObjects: false });

type Data = Record<string, string> | undefined;

/** The three views of a Secret with each value replaced by a marker: HIDDEN where the cluster's value is Capstan's. */
function hideSecretValues(applied: Manifest, owned: unknown, live: Record<string, unknown> | null) {
  const mine = (applied.data ?? {}) as Record<string, string>;
  const mark = (data: Data, compare: boolean) =>
    data && Object.fromEntries(Object.keys(data).map((k) => [k, compare && data[k] !== mine[k] ? HIDDEN_DIFFERS : HIDDEN]));
  const hide = <T>(o: T, compare: boolean): T => {
    if (o === null || typeof o !== "object") return o;
    const { data, stringData, ...rest } = o as { data?: Data; stringData?: Data };
    return { ...rest, ...(data && { data: mark(data, compare) }), ...(stringData && { stringData: mark(stringData, true) }) } as T;
  };
  return [hide(applied, false), hide(owned, true), live && hide(withoutServerBookkeeping(live), true)] as const;
}
