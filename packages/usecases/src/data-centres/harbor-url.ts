import { domainError, fieldError } from "@capstan/domain";
import { destinationProblem } from "@capstan/orchestrator";

/**
 * 422 against `harborUrl` when Capstan may not send Harbor's credentials there: a user name, query
 * string or fragment in the URL, or an address the outbound policy denies (docs/security/outbound.md).
 */
export async function validHarborUrl(url: string): Promise<void> {
  const problem = await destinationProblem(url);
  if (problem) throw domainError("harbor_url_refused", { problem }, { harborUrl: fieldError("harbor_url_refused", { problem }) });
}
