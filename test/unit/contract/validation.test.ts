import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../shared/contract/dispatcher';
import { contracts, type Services } from '../../../shared/services';
import type { LocalService } from '../../../shared/services/local';

/** A local service whose every method records that it was reached. */
function spyLocal(): { service: LocalService; reached: ReturnType<typeof vi.fn> } {
  const reached = vi.fn();
  const handler: ProxyHandler<object> = {
    get: (_target, name) => (name === 'onDidChange' ? () => () => undefined : async (...args: unknown[]) => reached(name, args)),
  };
  return { service: new Proxy({}, handler) as LocalService, reached };
}

describe('the dispatcher validates every call before a service sees it', () => {
  const badCalls: [string, string, unknown][] = [
    ['a number for a path', 'list', [42]],
    ['a missing argument', 'list', []],
    ['an extra argument', 'home', ['unexpected']],
    ['a NUL in a path', 'list', ['/tmp/\0etc']],
    ['a name with a slash', 'createFolder', ['/tmp', '../escape']],
    ['a name that is ..', 'rename', ['/tmp/a', '..']],
    ['an unknown delete mode', 'delete', [['/tmp/a'], 'shred']],
    ['an empty delete list', 'delete', [[], 'permanent']],
    ['arguments that are not a list', 'list', { 0: '/tmp' }],
  ];

  it.each(badCalls)('refuses %s with a typed invalid-argument error', async (_what, method, args) => {
    const { service, reached } = spyLocal();
    const dispatcher = createDispatcher(contracts, { local: service } as Services);
    const envelope = await dispatcher.call('local', method, args);
    expect(envelope.ok).toBe(false);
    expect(!envelope.ok && envelope.error.kind).toBe('invalid-argument');
    expect(reached).not.toHaveBeenCalled();
  });

  it.each([
    ['local', '__proto__'],
    ['local', 'constructor'],
    ['local', 'onDidChange'],
    ['__proto__', 'list'],
    ['nosuch', 'list'],
  ])('refuses %s.%s as an unknown method', async (service, method) => {
    const spy = spyLocal();
    const dispatcher = createDispatcher(contracts, { local: spy.service } as Services);
    const envelope = await dispatcher.call(service, method, []);
    expect(!envelope.ok && envelope.error.kind).toBe('unknown-method');
    expect(spy.reached).not.toHaveBeenCalled();
  });

  it('passes valid arguments through, parsed', async () => {
    const { service, reached } = spyLocal();
    const dispatcher = createDispatcher(contracts, { local: service } as Services);
    const envelope = await dispatcher.call('local', 'createFolder', ['/tmp', '  Reports  ']);
    expect(envelope.ok).toBe(true);
    // The schema trims a typed name: "  Reports  " is the folder "Reports".
    expect(reached).toHaveBeenCalledWith('createFolder', ['/tmp', 'Reports']);
  });

  it('reports a thrown non-Sluice error as internal, without a stack', async () => {
    const failing = { ...spyLocal().service, home: async () => { throw new TypeError('boom'); } } as unknown as LocalService;
    const envelope = await createDispatcher(contracts, { local: failing } as Services).call('local', 'home', []);
    expect(envelope).toEqual({ ok: false, error: { kind: 'internal', message: 'boom' } });
  });
});
