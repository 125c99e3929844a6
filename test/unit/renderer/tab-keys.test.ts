import { describe, expect, it } from 'vitest';
import { tabIndexForKey } from '../../../renderer/src/shell/tabKeys';

describe('the tabs keyboard pattern', () => {
  it('moves with the arrows, wrapping around, and jumps with Home and End', () => {
    expect(tabIndexForKey('ArrowRight', 0, 3)).toBe(1);
    expect(tabIndexForKey('ArrowRight', 2, 3)).toBe(0);
    expect(tabIndexForKey('ArrowLeft', 0, 3)).toBe(2);
    expect(tabIndexForKey('Home', 2, 3)).toBe(0);
    expect(tabIndexForKey('End', 0, 3)).toBe(2);
  });

  it('ignores every other key', () => {
    expect(tabIndexForKey('Enter', 1, 3)).toBeUndefined();
    expect(tabIndexForKey('ArrowDown', 1, 3)).toBeUndefined();
  });
});
