#!/usr/bin/env node
// `capstan`: loads the TypeScript entry point through tsx, as the workspace's other programs run.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
