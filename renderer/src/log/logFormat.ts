import type { LogDirection, LogLine } from '../../../shared/services/log';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** `14:03:07.042`: the panel shows milliseconds because replies arrive within them. */
export function formatLogTime(time: number): string {
  return `${clock.format(time)}.${String(Math.floor(time % 1000)).padStart(3, '0')}`;
}

/** The arrow or mark of a direction, and how it reads aloud. */
export const DIRECTION: Readonly<Record<LogDirection, { readonly mark: string; readonly label: string }>> = {
  sent: { mark: '→', label: 'Sent' },
  received: { mark: '←', label: 'Received' },
  info: { mark: '•', label: 'Status' },
  error: { mark: '!', label: 'Error' },
};

/** Lines as text for the clipboard: one per line, tab-separated like FileZilla's copy. */
export function logLinesToText(lines: readonly LogLine[]): string {
  return lines.map((line) => `${formatLogTime(line.time)}\t${line.source}\t${DIRECTION[line.direction].label}\t${line.text}`).join('\n');
}
