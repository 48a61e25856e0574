// The app's logging: structured JSON lines (logger.ts) and the database outage tracker (outage.ts).
export { log, logEnabled, formatLogLine, serializeError, setLogSink, type LogFields, type LogLevel, type LogSink } from "./logger";
export { createOutageTracker, type OutageEvents, type OutageTracker } from "./outage";
export { requestIdFrom } from "./request-id";
