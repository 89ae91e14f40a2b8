import net from 'node:net';

/** First `host:port` of a Kafka bootstrap list or a mongodb:// URL. */
export function firstEndpoint(value: string): { host: string; port: number } | undefined {
  const authority = value.replace(/^mongodb(\+srv)?:\/\//, '').replace(/^[^@/]*@/, '');
  const first = authority.split(/[,/?]/)[0] ?? '';
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(first);
  if (match?.[1] && match[2]) return { host: match[1], port: Number(match[2]) };
  if (first && value.startsWith('mongodb://')) return { host: first, port: 27017 };
  return undefined;
}

/** True when a TCP connection to host:port succeeds within the timeout. */
export function tcpReachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Fails fast with a clear message when an env URL names a server that is gone (e.g. a stale
 * shared dev instance), instead of every test timing out on its own.
 */
export async function assertReachable(name: string, value: string): Promise<void> {
  const endpoint = firstEndpoint(value);
  if (!endpoint || value.startsWith('mongodb+srv://')) return;
  if (!(await tcpReachable(endpoint.host, endpoint.port))) {
    throw new Error(
      `${name}=${value} does not answer on ${endpoint.host}:${endpoint.port}; unset ${name} to let the ` +
        'test kit start its own server, or start the instance it names',
    );
  }
}
