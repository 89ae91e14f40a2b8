import { which } from '../src/tools';

/**
 * `test` when the binary is installed, otherwise a visible skip: these checks need
 * Debian's promtool / docker-compose, which every Corridor machine has (see docs/OPERATING.md).
 */
export function testWithTool(bin: string): jest.It {
  if (which(bin)) return test;
  console.warn(
    `${bin} is not on PATH: skipping the checks that need it (apt-get install prometheus docker-compose)`,
  );
  return test.skip;
}
