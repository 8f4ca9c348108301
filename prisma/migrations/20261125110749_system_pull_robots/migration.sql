-- CreateTable
CREATE TABLE "SystemPullRobot" (
    "systemId" UUID NOT NULL,
    "dataCentreId" UUID NOT NULL,
    "robotId" INTEGER NOT NULL,
    "robotName" TEXT NOT NULL,
    "secretEnc" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SystemPullRobot_pkey" PRIMARY KEY ("systemId","dataCentreId")
);

-- CreateIndex
CREATE INDEX "SystemPullRobot_dataCentreId_idx" ON "SystemPullRobot"("dataCentreId");

-- AddForeignKey
ALTER TABLE "SystemPullRobot" ADD CONSTRAINT "SystemPullRobot_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemPullRobot" ADD CONSTRAINT "SystemPullRobot_dataCentreId_fkey" FOREIGN KEY ("dataCentreId") REFERENCES "DataCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;
