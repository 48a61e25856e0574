// Structured logs: one JSON object per line on stdout (errors on stderr), so that a person can grep
// them and a log shipper can parse them. Hand-written rather than pino: the app needs no transports,
// and a dozen lines avoid a dependency that has to be kept out of the Next.js bundle.
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

const LEVEL_ORDER: Record<LogLevel | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Where lines go; tests replace it to read what was logged. */
export type LogSink = (line: string, level: LogLevel) => void;

const defaultSink: LogSink = (line, level) => {
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
};

let sink: LogSink = defaultSink;

/** Replaces the sink (for tests); returns a function that restores the previous one. */
export function setLogSink(next: LogSink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

function minimumLevel(): number {
  // Read on every call, not once: tests and scripts change LOG_LEVEL after import. Validated in lib/env.ts.
  const configured = process.env.LOG_LEVEL as LogLevel | "silent" | undefined;
  return LEVEL_ORDER[configured ?? "info"] ?? LEVEL_ORDER.info;
}

/** An error as plain data: name, message, SQLSTATE or errno code, the first stack frames and its causes. */
export function serializeError(error: unknown, depth = 0): LogFields {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: LogFields = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") fields.code = code;
  // Three frames locate the throw; a full minified stack per line is what made the old logs unreadable.
  if (error.stack)
    fields.stack = error.stack
      .split("\n")
      .slice(1, 4)
      .map((frame) => frame.trim());
  const cause = (error as { cause?: unknown }).cause ?? (error as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
  if (cause !== undefined && depth < 3) fields.cause = serializeError(cause, depth + 1);
  return fields;
}

/** The JSON line for one event: time and level first, then the message, then the event's fields. */
export function formatLogLine(level: LogLevel, msg: string, fields: LogFields = {}, now: Date = new Date()): string {
  const record: LogFields = { time: now.toISOString(), level, msg };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    record[key] = value instanceof Error ? serializeError(value) : value;
  }
  return JSON.stringify(record);
}

function write(level: LogLevel, msg: string, fields?: LogFields): void {
  if (LEVEL_ORDER[level] < minimumLevel()) return;
  sink(formatLogLine(level, msg, fields), level);
}

/** Whether a line at `level` would be written: lets a caller skip gathering fields nobody reads. */
export function logEnabled(level: LogLevel): boolean {
  return LEVEL_ORDER[level] >= minimumLevel();
}

export const log = {
  debug: (msg: string, fields?: LogFields) => write("debug", msg, fields),
  info: (msg: string, fields?: LogFields) => write("info", msg, fields),
  warn: (msg: string, fields?: LogFields) => write("warn", msg, fields),
  error: (msg: string, fields?: LogFields) => write("error", msg, fields),
};
