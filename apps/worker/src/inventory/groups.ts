// Group ids by their labels, for the kinds that carry Capstan's labels (Deployments, pods).
import type { Db } from "@capstan/db";
import { LABEL } from "@capstan/domain";

/** Group ids by their labels in one cluster, cached; a miss asks PostgreSQL. */
export class GroupIndex {
  private readonly ids = new Map<string, string>();
  private readonly rechecks = new Map<string, () => void>();
  constructor(
    private readonly db: Db,
    private readonly clusterId: string,
  ) {}

  private key(labels: Record<string, string> | undefined): string | undefined {
    const system = labels?.[LABEL.system],
      application = labels?.[LABEL.application],
      group = labels?.[LABEL.group];
    return system && application && group ? `${system}/${application}/${group}` : undefined;
  }

  /**
   * Drops the cached id (the group is gone, or was re-created under the same name) and the re-check its
   * Deployment's watch registered for it: a recheck is only ever registered after `idOf` cached the id, so
   * every recheck belongs to a cached id, and a deleted group leaves nothing behind.
   */
  forget(labels: Record<string, string> | undefined): void {
    const key = this.key(labels);
    const id = key && this.ids.get(key);
    if (id) this.rechecks.delete(id);
    if (key) this.ids.delete(key);
  }

  /** How many groups have a re-check registered (one per live Capstan Deployment in the cluster). */
  get watched(): number {
    return this.rechecks.size;
  }

  /** The id of the group these labels name in this cluster, or null when they name none. */
  async idOf(labels: Record<string, string> | undefined): Promise<string | null> {
    const key = this.key(labels);
    if (!key) return null;
    const [system, application, group] = key.split("/") as [string, string, string];
    const hit = this.ids.get(key);
    if (hit) return hit;
    const g = await this.db.group.findFirst({
      where: { clusterId: this.clusterId, name: group, application: { name: application, system: { name: system } } },
      select: { id: true },
    });
    if (g) this.ids.set(key, g.id);
    return g?.id ?? null;
  }

  /** Sets what to do when the pods of group `id` change in a way its status depends on (its Deployment's watch). */
  onPodsChanged(id: string, recheck: () => void): void {
    this.rechecks.set(id, recheck);
  }

  /** A pod of group `id` started or stopped crash-looping: its status is decided again. */
  podsChanged(id: string): void {
    this.rechecks.get(id)?.();
  }
}
