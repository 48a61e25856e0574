// How an attempt page waits for a connection to come back before it sends an answer again.

/** Waits for the browser's `online` event, or 30 s (it is not always told), or the abort. */
export function waitForOnline(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener("online", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, 30_000);
    window.addEventListener("online", done);
    signal.addEventListener("abort", done);
  });
}
