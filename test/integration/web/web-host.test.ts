import { existsSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebShell, type RunningWebShell } from '../../support/web-shell';
import { makeTempDir } from '../../support/temp-dir';

let shell: RunningWebShell;
let temp: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  temp = makeTempDir();
  mkdirSync(path.join(temp.path, 'inside'));
  shell = await startWebShell({ env: { HOME: temp.path } });
});
afterAll(async () => {
  await shell.stop();
  temp.remove();
});

/** A raw HTTP GET with full control of the headers a browser would set. */
function get(pathAndQuery: string, headers: Record<string, string> = {}, method = 'GET') {
  const { port } = new URL(shell.origin);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathAndQuery, method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

/** Opens the WebSocket and resolves with it, or rejects with the HTTP status of the refusal. */
function openSocket(query: string, options: { origin?: string; host?: string } = {}) {
  const url = `${shell.origin.replace('http', 'ws')}/ws${query}`;
  const socket = new WebSocket(url, { origin: options.origin ?? shell.origin, headers: options.host ? { Host: options.host } : {} });
  return new Promise<WebSocket>((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function callOver(socket: WebSocket, id: number, service: string, method: string, args: unknown[]) {
  return new Promise<Record<string, unknown>>((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { type: string; id: number; envelope: Record<string, unknown> };
      if (message.type === 'result' && message.id === id) {
        socket.off('message', onMessage);
        resolve(message.envelope);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'call', id, service, method, args }));
  });
}

describe('web host: who may connect', () => {
  it('prints exactly one line with a 127.0.0.1 URL and a long random token', () => {
    expect(new URL(shell.url).hostname).toBe('127.0.0.1');
    expect(shell.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a request without the token', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
  });

  it('serves the app with the token, with a strict CSP and no Referer leak', async () => {
    const page = await get(`/?token=${shell.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get(`/?token=${shell.token}`, { Host: 'attacker.example:80' })).status).toBe(403);
    expect((await get(`/?token=${shell.token}`, { Host: `localhost:${new URL(shell.origin).port}` })).status).toBe(403);
  });

  it('serves nothing outside the renderer folder and nothing but GET', async () => {
    expect((await get(`/..%2f..%2fpackage.json?token=${shell.token}`)).status).toBe(404);
    expect((await get(`/?token=${shell.token}`, {}, 'POST')).status).toBe(405);
  });

  it('refuses a WebSocket from another origin, without a token, or with a foreign Host', async () => {
    await expect(openSocket(`?token=${shell.token}`, { origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(openSocket(`?token=${shell.token}`, { origin: 'null' })).rejects.toThrow('refused 403');
    await expect(openSocket('?token=nope')).rejects.toThrow('refused 403');
    await expect(openSocket('')).rejects.toThrow('refused 403');
    await expect(openSocket(`?token=${shell.token}`, { host: 'attacker.example' })).rejects.toThrow('refused 403');
  });
});

describe('web host: calls over the WebSocket', () => {
  it('runs a valid call', async () => {
    const socket = await openSocket(`?token=${shell.token}`);
    expect(await callOver(socket, 1, 'local', 'home', [])).toEqual({ ok: true, value: temp.path });
    socket.close();
  });

  it('answers a bad argument with a typed validation error and leaves the service untouched', async () => {
    const socket = await openSocket(`?token=${shell.token}`);
    const envelope = await callOver(socket, 2, 'local', 'createFolder', [temp.path, '../escaped']);
    expect(envelope).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(existsSync(path.join(temp.path, '..', 'escaped'))).toBe(false);
    const unknown = await callOver(socket, 3, 'local', 'constructor', []);
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'unknown-method' } });
    socket.close();
  });

  it('closes a socket that sends a malformed frame', async () => {
    const socket = await openSocket(`?token=${shell.token}`);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('{ not json');
    expect(await closed).toBe(1007);
  });
});
