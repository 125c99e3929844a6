import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ClipboardCopy, Eraser } from 'lucide-react';
import { copyText } from '../dialogs/CopyButton';
import { useAppStore } from '../store/StoreContext';
import { DIRECTION, formatLogTime, logLinesToText } from './logFormat';

const LINE_HEIGHT = 20;
// How close to the bottom still counts as "at the bottom" (rounding of scroll positions).
const STICK_SLACK = 4;

/**
 * The protocol log: time, direction and text of every command and reply, virtualized so
 * thousands of lines scroll smoothly. It follows new lines while the view is at the
 * bottom and stays put once the person scrolls up to read.
 */
export function LogPanel() {
  const lines = useAppStore((state) => state.logLines);
  const clear = useAppStore((state) => state.logActions.clear);
  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  // Selection by seq, so it survives lines dropping off the front of the ring.
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 16,
    useFlushSync: false,
  });

  useLayoutEffect(() => {
    if (stick.current && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines, virtualizer]);

  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 1500);
    return () => clearTimeout(timer);
  }, [copied]);

  function onScroll() {
    const element = scrollRef.current;
    if (element) stick.current = element.scrollTop + element.clientHeight >= element.scrollHeight - STICK_SLACK;
  }

  function onClick(event: MouseEvent) {
    const row = (event.target as Element).closest<HTMLElement>('[data-seq]');
    if (!row) return setSelected(new Set());
    const seq = Number(row.dataset.seq);
    if (event.shiftKey && anchor !== null) {
      const [low, high] = anchor <= seq ? [anchor, seq] : [seq, anchor];
      setSelected(new Set(lines.filter((line) => line.seq >= low && line.seq <= high).map((line) => line.seq)));
      return;
    }
    setAnchor(seq);
    if (event.ctrlKey || event.metaKey) {
      const next = new Set(selected);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return setSelected(next);
    }
    setSelected(new Set([seq]));
  }

  async function copy() {
    const chosen = selected.size > 0 ? lines.filter((line) => selected.has(line.seq)) : lines;
    if (chosen.length === 0) return;
    if (await copyText(logLinesToText(chosen))) setCopied(selected.size > 0 ? `Copied ${chosen.length} lines` : 'Copied the whole log');
  }

  function onKeyDown(event: KeyboardEvent) {
    const command = event.ctrlKey || event.metaKey;
    if (command && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      setSelected(new Set(lines.map((line) => line.seq)));
    } else if (command && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      void copy();
    } else if (event.key === 'Escape') {
      setSelected(new Set());
    } else if (event.key === 'End') {
      stick.current = true;
      virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
    }
  }

  return (
    <div className="log-panel">
      <div className="log-toolbar">
        <span className="log-count" aria-live="off">
          {lines.length.toLocaleString()} lines
        </span>
        <span className="log-copied" role="status">
          {copied ?? ''}
        </span>
        <button type="button" className="button button-small" disabled={lines.length === 0} onClick={() => void copy()}>
          <ClipboardCopy size={13} strokeWidth={1.75} aria-hidden />
          {selected.size > 0 ? 'Copy selected' : 'Copy all'}
        </button>
        <button type="button" className="button button-small" disabled={lines.length === 0} onClick={() => void clear().then(() => setSelected(new Set()))}>
          <Eraser size={13} strokeWidth={1.75} aria-hidden />
          Clear
        </button>
      </div>
      {lines.length === 0 ? (
        <p className="empty-text log-empty">No messages yet. Commands and replies of your connections will appear here.</p>
      ) : (
        <div
          ref={scrollRef}
          className="log-lines"
          role="listbox"
          aria-label="Protocol log"
          aria-multiselectable
          tabIndex={0}
          onScroll={onScroll}
          onClick={onClick}
          onKeyDown={onKeyDown}
        >
          <div className="log-body" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = lines[item.index]!;
              const direction = DIRECTION[line.direction];
              return (
                <div
                  key={line.seq}
                  role="option"
                  aria-selected={selected.has(line.seq)}
                  data-seq={line.seq}
                  className={`log-line log-${line.direction}${selected.has(line.seq) ? ' is-selected' : ''}`}
                  style={{ height: LINE_HEIGHT, transform: `translateY(${item.start}px)` }}
                >
                  <span className="log-time">{formatLogTime(line.time)}</span>
                  <span className="log-mark" aria-label={direction.label} title={`${direction.label} · ${line.source}`}>
                    {direction.mark}
                  </span>
                  <span className="log-text">{line.text}</span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
