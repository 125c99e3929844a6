import net from 'node:net';

interface Pair {
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  /** 0 for the first connection accepted, 1 for the next … */
  readonly index: number;
}

/** How a DropProxy misbehaves. */
export interface DropProxyOptions {
  /** Where connections go (a real server on loopback). */
  readonly target: { readonly host: string; readonly port: number };
  /** Each connection is reset after a random lifetime in this range (ms); absent: never. */
  readonly lifetimeMs?: { readonly min: number; readonly max: number };
}

/**
 * A TCP proxy on 127.0.0.1 that resets connections at random (RST both ways), to drop a real
 * server's sessions in the middle of whatever they do: a clean way to put faults in front of
 * vsftpd. `dropAll()` kills every open connection at once.
 */
export class DropProxy {
  private readonly server: net.Server;
  private readonly open = new Set<Pair>();
  /** Connections reset so far. */
  drops = 0;
  /** Connections accepted so far. */
  accepted = 0;
  private lifetime: DropProxyOptions['lifetimeMs'];

  private constructor(private readonly options: DropProxyOptions) {
    this.lifetime = options.lifetimeMs;
    this.server = net.createServer((client) => this.accept(client));
  }

  /** Starts a proxy on a free loopback port. */
  static async start(options: DropProxyOptions): Promise<DropProxy> {
    const proxy = new DropProxy(options);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Changes (or, with undefined, stops) the random drops of new connections. */
  setLifetime(lifetime: DropProxyOptions['lifetimeMs']): void {
    this.lifetime = lifetime;
  }

  /** Resets every open connection now. */
  dropAll(): number {
    return this.dropSince(0);
  }

  /** Resets the open connections accepted as number `index` or later (e.g. all but a session's first); returns how many. */
  dropSince(index: number): number {
    const pairs = [...this.open].filter((pair) => pair.index >= index);
    for (const pair of pairs) this.reset(pair);
    return pairs.length;
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.options.target.port, this.options.target.host);
    const pair: Pair = { client, upstream, index: this.accepted };
    this.accepted += 1;
    this.open.add(pair);
    client.pipe(upstream).pipe(client);
    const end = (): void => {
      clearTimeout(timer);
      this.open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    const lifetime = this.lifetime;
    const timer = lifetime === undefined ? undefined : setTimeout(() => this.reset(pair), lifetime.min + Math.random() * (lifetime.max - lifetime.min));
  }

  private reset(pair: Pair): void {
    if (!this.open.delete(pair)) return;
    this.drops += 1;
    pair.client.resetAndDestroy();
    pair.upstream.resetAndDestroy();
  }
}
