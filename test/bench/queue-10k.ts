// queue-10k (issue 6): a 10,000-item queue run through the web shell with the queue panel in
// view. Its figures are the web-shell (main) process's peak RSS, held to < 300 MB, and the
// renderer's longest main-thread task, held to < 200 ms — a window that never freezes for
// longer than that still answers a click within a frame or two of human notice. The time the
// queue took is reported without a target (the 1000-file rows are the speed comparison).
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { MANY_FILES_PER_FOLDER, MANY_FOLDERS, type ManyFiles } from './many-files';
import type { Row } from './report';
import { describeTarget, judge, median, type Target } from './targets';
import type { BenchSite } from './types';
import { runWebQueueOnce, type WebQueueSample } from './web/queue-10k-run';

/** A scenario run in the app's own window rather than through a BenchClient. */
export interface WebScenario {
  id: string;
  title: string;
}

export const QUEUE_10K: WebScenario = { id: 'queue-10k', title: `${(MANY_FOLDERS * MANY_FILES_PER_FOLDER).toLocaleString('en')} × 1 KiB in ${MANY_FOLDERS} folders through the queue, web shell` };
export const WEB: readonly WebScenario[] = [QUEUE_10K];

export const WEB_CLIENT = 'sluice-web';
export const WEB_CLIENT_NOTE = 'the web shell (dist/web) driven in Chromium: the folder is selected in the remote pane and Ctrl+D pressed, ' +
  'the queue panel stays in view; RSS = VmHWM of the web-shell process, long tasks from a PerformanceObserver in the page';

const RSS_TARGET: Target = { kind: 'below', limit: 300 };
const LONG_TASK_TARGET: Target = { kind: 'below', limit: 200 };

export interface WebQueueResult {
  samples: WebQueueSample[];
  error?: string;
}

export async function measureQueue10k(
  site: BenchSite, many: ManyFiles, outDir: string, runs: number, log: (msg: string) => void,
): Promise<WebQueueResult> {
  let browser: Browser | undefined;
  const samples: WebQueueSample[] = [];
  try {
    browser = await launchChromium();
    for (let run = 1; run <= runs; run++) {
      const s = await runWebQueueOnce({ site, many, browser, outDir, slot: `${QUEUE_10K.id}-${run}` });
      samples.push(s);
      log(`${QUEUE_10K.id} run ${run}/${runs}: ${s.seconds.toFixed(1)} s, web shell ${(s.peakRssKiB / 1024).toFixed(0)} MiB peak RSS, ` +
        `longest task ${s.longestTaskMs.toFixed(0)} ms, ${s.longTasks} long tasks`);
    }
    return { samples };
  } catch (err) {
    log(`${QUEUE_10K.id} run ${samples.length + 1}/${runs}: FAILED — ${(err as Error).message}`);
    return { samples: [], error: (err as Error).message.split('\n')[0]!.slice(0, 300) };
  } finally {
    await browser?.close();
  }
}

const MB = (kib: number) => (kib * 1024) / 1e6;

function row(title: string, unit: Row['unit'], values: number[], target: Target | undefined, result: WebQueueResult, notes: string[]): Row {
  const m = result.error ? undefined : median(values);
  return {
    scenario: QUEUE_10K.id, title, client: WEB_CLIENT, role: 'subject', unit, runs: values,
    ...(m === undefined ? {} : { median: m }),
    target: describeTarget(target, '', unit),
    verdict: target ? judge(target, m, undefined) : '',
    notes: [...(result.error ? [`FAILED: ${result.error}`] : []), ...notes],
  };
}

export function queue10kRows(result: WebQueueResult): Row[] {
  const s = result.samples;
  const list = (values: number[], digits = 0) => values.map((v) => v.toFixed(digits)).join(' ');
  return [
    row('10,000-item queue: web-shell peak RSS', 'MB', s.map((x) => MB(x.peakRssKiB)), RSS_TARGET, result,
      s.length ? [`RSS once connected, before the enqueue: ${list(s.map((x) => MB(x.idleRssKiB)))} MB`] : []),
    row('10,000-item queue: longest renderer task', 'ms', s.map((x) => x.longestTaskMs), LONG_TASK_TARGET, result,
      s.length ? [`long tasks (> 50 ms) per run: ${list(s.map((x) => x.longTasks))}`] : []),
    row(QUEUE_10K.title, 's', s.map((x) => x.seconds), undefined, result, []),
  ];
}
