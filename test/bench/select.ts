// --only: picks scenarios and clients by name. Scenario names without client names mean
// every client, and vice versa; a selected scenario always brings its reference client,
// and an RSS figure brings the 1 GiB scenario it is read from.
import type { MicroScenario } from './micro';
import type { WebScenario } from './queue-10k';
import type { RssScenario, TransferScenario } from './scenarios';
import type { BenchClient } from './types';

export interface Selection {
  transfers: TransferScenario[];
  rss: RssScenario[];
  micro: MicroScenario[];
  web: WebScenario[];
  clients: BenchClient[];
}

export function select(
  only: readonly string[],
  all: { transfers: readonly TransferScenario[]; rss: readonly RssScenario[]; micro: readonly MicroScenario[]; web: readonly WebScenario[]; clients: readonly BenchClient[] },
): Selection {
  const scenarioIds = new Set([...all.transfers, ...all.rss, ...all.micro, ...all.web].map((s) => s.id));
  const clientNames = new Set(all.clients.map((c) => c.name));
  const unknown = only.filter((n) => !scenarioIds.has(n) && !clientNames.has(n));
  if (unknown.length) {
    throw new Error(`--only: unknown ${unknown.join(', ')}; scenarios: ${[...scenarioIds].join(' ')}; clients: ${[...clientNames].join(' ')}`);
  }
  const wantScenarios = only.filter((n) => scenarioIds.has(n));
  const wantClients = only.filter((n) => clientNames.has(n));
  const pick = (id: string) => wantScenarios.length === 0 || wantScenarios.includes(id);

  const rss = all.rss.filter((r) => pick(r.id));
  const transferIds = new Set([...all.transfers.filter((s) => pick(s.id)).map((s) => s.id), ...rss.map((r) => r.from)]);
  const transfers = all.transfers.filter((s) => transferIds.has(s.id));
  const references = new Set([...transfers, ...rss].map((s) => s.reference));
  const clients = all.clients.filter((c) => wantClients.length === 0 || wantClients.includes(c.name) || references.has(c.name));
  // Micro and web scenarios have no clients: client names alone don't select them.
  const clientless = (id: string) => (wantScenarios.length === 0 ? wantClients.length === 0 : pick(id));
  const micro = all.micro.filter((m) => clientless(m.id));
  const web = all.web.filter((w) => clientless(w.id));
  return { transfers, rss, micro, web, clients };
}
