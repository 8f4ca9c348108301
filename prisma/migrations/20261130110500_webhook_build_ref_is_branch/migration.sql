-- A push webhook's build names the branch pushed to (gitRef) beside the commit it builds (commitSha);
-- builds queued by webhooks before this kept the commit in gitRef. Webhooks only build the application's branch.
UPDATE "Build" b
SET "gitRef" = a."gitBranch"
FROM "Application" a
WHERE b."applicationId" = a.id AND b."trigger" = 'WEBHOOK' AND b."gitRef" ~ '^[0-9a-f]{40}$';
