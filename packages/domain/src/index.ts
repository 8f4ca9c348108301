export * from "./access";
export * from "./duration";
export * from "./errors";
export * from "./names";
export * from "./schemas";
export * from "./validation";
