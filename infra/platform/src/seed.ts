import { ApiClient } from './http';
import { FUNDS, PARKS, POOLS } from './reference';
import type { ServiceUrls } from './services';

export interface SeedResult {
  created: string[];
  existing: string[];
}

/**
 * Puts the reference data in through the services' own HTTP APIs (so it is validated and
 * announced as events like anything else): parks, guidance funds, a risk-compensation pool.
 * Idempotent: what exists already (by its fixed id) is left alone.
 */
export async function seedReferenceData(
  urls: ServiceUrls,
  operatorToken: string,
  log: (line: string) => void = () => {},
): Promise<SeedResult> {
  const result: SeedResult = { created: [], existing: [] };
  const park = new ApiClient(urls['park-onboarding'], { token: operatorToken });
  const fund = new ApiClient(urls.fund, { token: operatorToken });

  const ensure = async (client: ApiClient, collection: string, id: string, name: string, body: object) => {
    const label = `${collection}/${id}`;
    if (await client.find(`/${collection}/${encodeURIComponent(id)}`)) {
      result.existing.push(label);
      return;
    }
    await client.post(`/${collection}`, body);
    result.created.push(label);
    log(`  seeded ${label} (${name})`);
  };

  for (const p of PARKS) await ensure(park, 'parks', p.parkId, p.name, p);
  // In order: a sub-fund names its mother fund, which must exist first.
  for (const f of FUNDS) await ensure(fund, 'funds', f.fundId, f.name, f);
  for (const p of POOLS) await ensure(fund, 'pools', p.poolId, p.name, p);
  if (result.existing.length) log(`  already there: ${result.existing.join(', ')}`);
  return result;
}
