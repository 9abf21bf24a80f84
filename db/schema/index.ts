export * from "./geography";
export * from "./support";
export * from "./training";
export * from "./prefecture-work";
export * from "./auth";
export * from "./uploads";
export * from "./meta";
export * from "./staging";
