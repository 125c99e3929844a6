// Peak RSS of the bench process itself, for clients that run in-process and so can't be
// measured by /usr/bin/time. Includes the harness's own baseline (~node + tsx), which
// makes the figure pessimistic: a client that passes the RSS target this way passes it.

/** Starts sampling; the returned function stops and gives the peak in KiB. */
export function trackOwnRss(intervalMs = 20): () => number {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage.rss());
    return Math.round(peak / 1024);
  };
}
