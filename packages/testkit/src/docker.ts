import { existsSync } from 'node:fs';
import http from 'node:http';

let cached: Promise<boolean> | undefined;

function socketPath(): string | undefined {
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return host.slice('unix://'.length);
  if (host) return undefined;
  return ['/var/run/docker.sock', `${process.env.HOME ?? ''}/.docker/run/docker.sock`].find((p) =>
    existsSync(p),
  );
}

/**
 * Whether a Docker engine answers, decided in well under a second: no socket and no DOCKER_HOST
 * means no, without loading testcontainers (which would spend seconds on its own discovery).
 * CORRIDOR_TESTKIT_DOCKER=0 forces the local launcher, =1 trusts testcontainers' discovery.
 */
export function dockerAvailable(): Promise<boolean> {
  cached ??= detectDocker();
  return cached;
}

/** The uncached check behind dockerAvailable(). */
export async function detectDocker(): Promise<boolean> {
  const forced = process.env.CORRIDOR_TESTKIT_DOCKER;
  if (forced === '0') return false;
  if (forced === '1') return true;
  const host = process.env.DOCKER_HOST;
  if (host && !host.startsWith('unix://')) return ping({ url: host.replace(/^tcp:/, 'http:') });
  const socket = socketPath();
  if (!socket) return false;
  return ping({ socketPath: socket });
}

function ping(target: { socketPath?: string; url?: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const opts: http.RequestOptions = { path: '/_ping', method: 'GET', timeout: 1500 };
    if (target.socketPath) opts.socketPath = target.socketPath;
    else if (target.url) {
      const url = new URL(target.url);
      opts.host = url.hostname;
      opts.port = url.port || 2375;
    }
    const req = http.request(opts, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
