// testcontainers pulls in dockerode and friends; load it only on machines where Docker answers.
import type * as TestcontainersModule from 'testcontainers';

export type Testcontainers = typeof TestcontainersModule;

export function loadTestcontainers(): Testcontainers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load keeps Docker-less runs fast
  return require('testcontainers') as Testcontainers;
}

/** Host under which the engine publishes ports (differs from localhost for remote engines). */
export async function containerHost(tc: Testcontainers): Promise<string> {
  const client = await tc.getContainerRuntimeClient();
  return client.info.containerRuntime.host;
}
