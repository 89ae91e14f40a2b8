// testcontainers pulls in dockerode and friends; load it only on machines where Docker answers.
export type Testcontainers = typeof import('testcontainers');

export function loadTestcontainers(): Testcontainers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load keeps Docker-less runs fast
  return require('testcontainers') as Testcontainers;
}

/** Host under which the engine publishes ports (differs from localhost for remote engines). */
export async function containerHost(tc: Testcontainers): Promise<string> {
  const client = await tc.getContainerRuntimeClient();
  return client.info.containerRuntime.host;
}
