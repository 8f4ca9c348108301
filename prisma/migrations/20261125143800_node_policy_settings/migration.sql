-- CreateTable
CREATE TABLE "LabelPolicy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NodeInitChecks" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "requireReady" BOOLEAN NOT NULL,
    "minKubeletVersion" TEXT,
    "requiredLabels" TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "NodeInitChecks_pkey" PRIMARY KEY ("id")
);

-- The one row the policy's version lives in (the definitions seeded before it count as version 1).
INSERT INTO "LabelPolicy" ("id") VALUES (1);
