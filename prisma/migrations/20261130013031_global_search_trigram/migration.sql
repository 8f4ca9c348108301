-- pg_trgm: trigram GIN indexes let ILIKE '%…%' (global search) use an index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Application_name_trgm_idx" ON "Application" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Application_displayName_trgm_idx" ON "Application" USING GIN ("displayName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Group_name_trgm_idx" ON "Group" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Node_name_trgm_idx" ON "Node" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "System_name_trgm_idx" ON "System" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "System_displayName_trgm_idx" ON "System" USING GIN ("displayName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_name_trgm_idx" ON "User" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_email_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops);
