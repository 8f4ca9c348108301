// Values the global test setup provides to every test file (see tests/global-setup.ts).
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}
