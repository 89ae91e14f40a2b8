import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { detectDocker } from '../src';

describe('Docker detection', () => {
  const saved = { host: process.env.DOCKER_HOST, forced: process.env.CORRIDOR_TESTKIT_DOCKER };
  afterEach(() => {
    for (const [key, value] of [
      ['DOCKER_HOST', saved.host],
      ['CORRIDOR_TESTKIT_DOCKER', saved.forced],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('says yes when the engine socket answers /_ping', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'testkit-docker-'));
    const socket = path.join(dir, 'docker.sock');
    const pings: string[] = [];
    const engine = http.createServer((req, res) => {
      pings.push(req.url ?? '');
      res.end('OK');
    });
    await new Promise<void>((resolve) => engine.listen(socket, resolve));
    try {
      delete process.env.CORRIDOR_TESTKIT_DOCKER;
      process.env.DOCKER_HOST = `unix://${socket}`;
      expect(await detectDocker()).toBe(true);
      expect(pings).toEqual(['/_ping']);
    } finally {
      await new Promise((resolve) => engine.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says no when DOCKER_HOST points at nothing', async () => {
    delete process.env.CORRIDOR_TESTKIT_DOCKER;
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    expect(await detectDocker()).toBe(false);
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    expect(await detectDocker()).toBe(false);
  });

  it('obeys CORRIDOR_TESTKIT_DOCKER=0 without probing', async () => {
    process.env.CORRIDOR_TESTKIT_DOCKER = '0';
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    expect(await detectDocker()).toBe(false);
  });
});
