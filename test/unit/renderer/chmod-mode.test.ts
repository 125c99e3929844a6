import { describe, expect, it } from 'vitest';
import { has, modeFromPermissions, parseOctal, toggle, toOctal } from '../../../renderer/src/remote/mode';

describe('chmod: octal and checkboxes', () => {
  it('maps each checkbox to its bit', () => {
    expect(has(0o400, 'owner', 'read')).toBe(true);
    expect(has(0o400, 'group', 'read')).toBe(false);
    expect(toggle(0o644, 'owner', 'execute', true)).toBe(0o744);
    expect(toggle(0o755, 'others', 'execute', false)).toBe(0o754);
    expect(toggle(toggle(0, 'group', 'write', true), 'group', 'write', false)).toBe(0);
  });

  it('round-trips octal text, special bits included', () => {
    expect(toOctal(0o755)).toBe('755');
    expect(toOctal(0o4755)).toBe('4755');
    expect(toOctal(0o7)).toBe('007');
    expect(parseOctal('750')).toBe(0o750);
    expect(parseOctal('0644')).toBe(0o644);
    for (const bad of ['', '8', '75', '12345', 'rwx', '9999']) expect(parseOctal(bad)).toBeNull();
  });

  it('reads permission letters, with or without the type letter', () => {
    expect(modeFromPermissions('rwxr-xr-x')).toBe(0o755);
    expect(modeFromPermissions('-rw-r--r--')).toBe(0o644);
    expect(modeFromPermissions('drwxrwxrwt')).toBe(0o1777);
    expect(modeFromPermissions('rwsr-Sr--')).toBe(0o6744);
    expect(modeFromPermissions('RWED,RWED,RE,')).toBeNull();
  });
});
