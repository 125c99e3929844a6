import type { StateCreator } from 'zustand';
import type { AppState } from './appState';

/** Sizes of the resizable parts of the window. */
export interface LayoutSlice {
  layout: {
    /** The local pane's share of the width, 0..1. */
    readonly paneSplit: number;
    /** Height of the queue/log area in CSS pixels. */
    readonly bottomHeight: number;
    /** The tab shown under the panes; the remote pane's "Show log" switches to the log. */
    readonly bottomTab: BottomTab;
  };
  setPaneSplit(fraction: number): void;
  setBottomHeight(pixels: number): void;
  setBottomTab(tab: BottomTab): void;
}

/** The tabs of the area under the panes. */
export type BottomTab = 'queue' | 'log';

/** Limits that keep every area usable whatever the user drags. */
export const LAYOUT_LIMITS = {
  paneSplit: { min: 0.2, max: 0.8 },
  bottomHeight: { min: 72, max: 600 },
} as const;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The layout slice. */
export const createLayoutSlice: StateCreator<AppState, [], [], LayoutSlice> = (set) => ({
  layout: { paneSplit: 0.5, bottomHeight: 180, bottomTab: 'queue' },
  setBottomTab: (bottomTab) => set((state) => ({ layout: { ...state.layout, bottomTab } })),
  setPaneSplit: (fraction) =>
    set((state) => ({ layout: { ...state.layout, paneSplit: clamp(fraction, LAYOUT_LIMITS.paneSplit.min, LAYOUT_LIMITS.paneSplit.max) } })),
  setBottomHeight: (pixels) =>
    set((state) => ({
      layout: { ...state.layout, bottomHeight: clamp(Math.round(pixels), LAYOUT_LIMITS.bottomHeight.min, LAYOUT_LIMITS.bottomHeight.max) },
    })),
});
