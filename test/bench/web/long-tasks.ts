// The renderer's main-thread long tasks (> 50 ms, Chromium's Long Tasks API), recorded by a
// PerformanceObserver the page registers before the app's own scripts run, so none is missed.
import type { Page } from 'playwright-core';

interface LongTaskWindow { sluiceBenchLongTasks: { start: number; duration: number }[] }

/** Registers the observer in every document `page` loads from now on. */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as LongTaskWindow).sluiceBenchLongTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The page's clock (performance.now()), to take only the tasks after a point. */
export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

export interface LongTasks {
  /** Tasks over 50 ms. */
  count: number;
  /** The longest one, in ms; 0 when there was none. */
  longestMs: number;
}

/** The long tasks that started at or after `since` (a pageNow() value). */
export async function longTasksSince(page: Page, since: number): Promise<LongTasks> {
  const durations = await page.evaluate((from) => {
    const tasks = (window as unknown as Partial<LongTaskWindow>).sluiceBenchLongTasks;
    if (tasks === undefined) throw new Error('the long-task observer is not registered');
    return tasks.filter((t) => t.start >= from).map((t) => t.duration);
  }, since);
  return { count: durations.length, longestMs: durations.length ? Math.max(...durations) : 0 };
}
