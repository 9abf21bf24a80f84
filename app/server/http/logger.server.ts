import cluster from "node:cluster";
import pino from "pino";

// One JSON line per event on stdout (pino). Tests run silent unless LOG_LEVEL asks otherwise.
const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");

const globalKey = Symbol.for("tsunagu.logger");
type GlobalWithLogger = typeof globalThis & { [globalKey]?: pino.Logger };
const store = globalThis as GlobalWithLogger;

/** The process-wide logger, shared by the server entry and the Remix bundle (each has its own copy of this module). */
export const logger: pino.Logger = (store[globalKey] ??= pino({
  level,
  // with several app processes (ADR 041), each line says which one wrote it
  base: { service: "tsunagu", ...(cluster.isWorker ? { pid: process.pid } : {}) },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ["password", "*.password", "headers.cookie"], remove: true },
}));
