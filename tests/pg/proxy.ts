import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny loopback load balancer, as the rolling restart needs: round robin over the
 * instances it is given, and the one retry a load balancer makes — a request that could not be
 * delivered (connection refused or reset before any answer) or that an instance refused while
 * draining (503) goes to the next instance. Bodies are buffered, so a retry resends them whole.
 * Each forwarded request opens its own connection (no keep-alive), as a balancer's health-checked
 * pool would not reuse a socket to an instance that is going away.
 */
export interface Proxy {
  url: string;
  /** The instances requests go to (replace one when it restarts on a new port). */
  backends: string[];
  /** Requests answered, and how many of them needed a retry. */
  stats: { answered: number; retried: number; failed: number };
  close(): Promise<void>;
}

export async function startProxy(backends: string[], retries = 3): Promise<Proxy> {
  const state = { backends: [...backends], next: 0 };
  const stats = { answered: 0, retried: 0, failed: 0 };

  function forward(target: string, req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer } | undefined> {
    return new Promise((resolve) => {
      const u = new URL(req.url ?? '/', target);
      const out = http.request(u, { method: req.method, headers: { ...req.headers, host: u.host, connection: 'close' }, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', () => resolve(undefined));
      });
      out.on('error', () => resolve(undefined)); // refused or reset: not delivered
      out.end(body);
    });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      // Each retry goes to the next instance after the one that failed, whatever other requests do meanwhile.
      const start = state.next++;
      for (let attempt = 0; attempt <= retries; attempt++) {
        const target = state.backends[(start + attempt) % state.backends.length]!;
        const answer = await forward(target, req, body);
        if (answer && answer.status !== 503) {
          stats.answered++;
          if (attempt) stats.retried++;
          const headers = { ...answer.headers };
          delete headers['transfer-encoding'];
          delete headers.connection;
          res.writeHead(answer.status, headers).end(answer.body);
          return;
        }
      }
      stats.failed++;
      res.writeHead(502, { 'content-type': 'text/plain' }).end('no instance answered\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get backends() {
      return state.backends;
    },
    set backends(list: string[]) {
      state.backends = [...list];
    },
    stats,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
