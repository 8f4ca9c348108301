// The hook point where a build has succeeded (docs/builds.md): called once per build, by the build
// controller, after the build's row says SUCCEEDED with its commit, tag and digest, and its Job is gone.
// A group following a branch (issue 15) is rolled out from here; until then it does nothing.
import type { Db } from "@capstan/db";

/**
 * Called once when build `buildId` has succeeded (its row holds the commit, tag and digest). Must be
 * idempotent and quick: a failure throws and the build's reconcile is retried, which calls it again only
 * if the row had not yet been marked SUCCEEDED, so lasting work belongs in a job of its own.
 */
export async function buildSucceeded(db: Db, buildId: string): Promise<void> {
  void db;
  void buildId;
}
