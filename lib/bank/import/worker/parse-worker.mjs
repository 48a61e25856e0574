// The import parser's worker thread (started by lib/bank/import/parse-isolated.ts): it reads one uploaded
// file at a time with parseUpload and posts the result back, so a slow or hostile file costs this
// thread, which the server can terminate, and never the thread that answers requests.
//
// Why plain JavaScript loaded from disk, with tsx: the server starts this file by its path, outside
// the Next.js bundle, so the same file runs under `next start`, `next dev` and vitest with no build
// step and no bundler-specific Worker support. tsx (a runtime dependency: `npm start` runs through it)
// compiles the TypeScript parser modules on the worker's first start and caches them in the OS temp
// folder, so later starts take a fraction of a second.
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";
import { register } from "tsx/cjs/api";

register();
const require = createRequire(import.meta.url);
const { parseUpload } = require("../upload.ts");

parentPort.on("message", ({ fileName, bytes, options }) => {
  try {
    parentPort.postMessage({ ok: true, result: parseUpload(fileName, bytes, options) });
  } catch (error) {
    // A parser recursing per nesting level overflows the stack on a file built as "[[[[…": that is
    // the file's shape, not a server fault.
    const message =
      error instanceof RangeError
        ? "the file is nested too deeply to read"
        : `the importer could not read the file (${error instanceof Error ? error.message : String(error)})`;
    parentPort.postMessage({ ok: false, message });
  }
});

parentPort.postMessage({ ready: true });
