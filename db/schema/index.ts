export * from "./teams";
export * from "./accounts";
export * from "./sessions";
export * from "./login-attempts";
export * from "./account-tokens";
export * from "./audit";
