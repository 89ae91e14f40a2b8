import { ForbiddenProblem, assertRegionWrite, type Principal } from '@corridor/service-kit';
import type { Meta } from '../commands/deps';

/** An HTTP command has no causation event; its correlation comes from the request scope. */
export const httpMeta = (): Meta => ({});

export const regionWriter = (principal: Principal) => (region: string) => assertRegionWrite(principal, region);

/** For records with two parties (contracts): allowed when the caller may write for either region. */
export const anyRegionWriter = (principal: Principal) => (regions: string[]) => {
  let refusal: unknown;
  for (const region of regions) {
    try {
      assertRegionWrite(principal, region);
      return;
    } catch (err) {
      refusal = err;
    }
  }
  throw refusal ?? new ForbiddenProblem();
};

