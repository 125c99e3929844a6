import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PromptAnswer, PromptSettled } from '../../../shared/services/prompts';
import type { CertificateInfo } from '../../../shared/services/trust';
import { PromptBroker, refusalFor } from '../../../main/prompts/prompt-broker';

const certificate: CertificateInfo = { host: 'ftp.example.org', port: 21, chain: [], tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', reasons: ['self-signed'] };
const password = { kind: 'password', host: 'ftp.example.org', port: 21, user: 'ada' } as const;
const insecure = { kind: 'insecure-connection', host: 'ftp.example.org', port: 21, reason: 'tls-refused' } as const;

afterEach(() => void vi.useRealTimers());

describe('the prompt broker', () => {
  it('hands a question to the UI with an id and resolves the engine with the answer', async () => {
    const broker = new PromptBroker();
    const settled: PromptSettled[] = [];
    broker.onDidSettle((event) => settled.push(event));
    const requests: string[] = [];
    broker.onDidRequest((request) => requests.push(request.id));
    const answer = broker.ask({ kind: 'certificate-unknown', certificate });
    const [pending] = await broker.pending();
    expect(pending).toMatchObject({ kind: 'certificate-unknown', certificate });
    expect(requests).toEqual([pending!.id]);
    await broker.answer(pending!.id, { kind: 'certificate', decision: 'trust-once' });
    expect(await answer).toEqual({ kind: 'certificate', decision: 'trust-once' });
    expect(settled).toEqual([{ id: pending!.id, outcome: 'answered' }]);
    expect(await broker.pending()).toEqual([]);
  });

  it('gives every question its own random id and lists them oldest first', async () => {
    const broker = new PromptBroker();
    void broker.ask(password);
    void broker.ask(insecure);
    const pending = await broker.pending();
    expect(pending.map((request) => request.kind)).toEqual(['password', 'insecure-connection']);
    expect(new Set(pending.map((request) => request.id)).size).toBe(2);
    expect(pending[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    broker.cancelAll();
  });

  it.each<[string, PromptAnswer]>([
    ['an insecure answer', { kind: 'insecure', proceed: true, remember: false }],
    ['a password answer', { kind: 'password', password: 'x', remember: false }],
  ])('refuses %s to a certificate question, and the question stays open', async (_name, wrong) => {
    const broker = new PromptBroker();
    const answer = broker.ask({ kind: 'certificate-unknown', certificate });
    const [request] = await broker.pending();
    await expect(broker.answer(request!.id, wrong)).rejects.toMatchObject({ kind: 'invalid-argument' });
    expect(await broker.pending()).toHaveLength(1);
    await broker.answer(request!.id, { kind: 'certificate', decision: 'reject' });
    expect(await answer).toEqual({ kind: 'certificate', decision: 'reject' });
  });

  it('refuses a malformed answer', async () => {
    const broker = new PromptBroker();
    void broker.ask(password);
    const [request] = await broker.pending();
    const malformed = { kind: 'password', password: 'x', remember: false, extra: true } as unknown as PromptAnswer;
    await expect(broker.answer(request!.id, malformed)).rejects.toMatchObject({ kind: 'invalid-argument' });
    broker.cancelAll();
  });

  it('refuses an answer to an unknown or already settled id', async () => {
    const broker = new PromptBroker();
    const answer = broker.ask(insecure);
    const [request] = await broker.pending();
    await broker.answer(request!.id, { kind: 'insecure', proceed: true, remember: true });
    expect(await answer).toEqual({ kind: 'insecure', proceed: true, remember: true });
    await expect(broker.answer(request!.id, { kind: 'insecure', proceed: false, remember: false })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(broker.answer('no-such-id', { kind: 'insecure', proceed: true, remember: false })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('times out as a refusal of the right kind, and says so', async () => {
    vi.useFakeTimers();
    const broker = new PromptBroker({ timeoutMs: 1_000 });
    const settled: PromptSettled[] = [];
    broker.onDidSettle((event) => settled.push(event));
    const cert = broker.ask({ kind: 'certificate-unknown', certificate });
    const pass = broker.ask(password, { timeoutMs: 5_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await cert).toEqual({ kind: 'certificate', decision: 'reject' });
    expect(await broker.pending()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(await pass).toEqual({ kind: 'password', password: null, remember: false });
    expect(settled.map((event) => event.outcome)).toEqual(['timed-out', 'timed-out']);
  });

  it('cancelAll (the window closed) refuses everything waiting', async () => {
    const broker = new PromptBroker();
    const settled: PromptSettled[] = [];
    broker.onDidSettle((event) => settled.push(event));
    const answers = Promise.all([broker.ask({ kind: 'certificate-unknown', certificate }), broker.ask(insecure), broker.ask(password)]);
    broker.cancelAll();
    expect(await answers).toEqual([refusalFor('certificate-unknown'), refusalFor('insecure-connection'), refusalFor('password')]);
    expect(refusalFor('insecure-connection')).toEqual({ kind: 'insecure', proceed: false, remember: false });
    expect(settled.map((event) => event.outcome)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(await broker.pending()).toEqual([]);
  });

  it('the engine giving up (abort) withdraws its question', async () => {
    const broker = new PromptBroker();
    const controller = new AbortController();
    const answer = broker.ask(password, { signal: controller.signal });
    controller.abort();
    expect(await answer).toEqual(refusalFor('password'));
    expect(await broker.pending()).toEqual([]);
    expect(await broker.ask(password, { signal: controller.signal })).toEqual(refusalFor('password'));
  });
});
