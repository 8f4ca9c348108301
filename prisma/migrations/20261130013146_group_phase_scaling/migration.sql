-- AlterEnum
ALTER TYPE "GroupPhase" ADD VALUE 'SCALING';
