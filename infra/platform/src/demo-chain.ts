import { randomUUID } from 'node:crypto';
import { pollUntil } from '@corridor/local-infra';
import { signToken } from '@corridor/service-kit';
import { ApiClient } from './http';
import { BUYER, FUND_TJ_SEED, PARK_TJ_BINHAI, SELLER } from './reference';
import type { ServiceUrls } from './services';

export interface DemoChainOptions {
  urls: ServiceUrls;
  /** HS256 secret the services verify tokens with; the chain signs one token per acting agency. */
  jwtSecret: string;
  /** One id for every HTTP call of the chain (X-Correlation-Id); default a new UUID. */
  correlationId?: string;
  /** Limit for each asynchronous step (an event travelling to the next service). */
  stepTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface RegionPairValue {
  sellerRegion: string;
  buyerRegion: string;
  contracts: number;
  valueFen: number;
}

export interface Settlements {
  parkRegion: string;
  originRegion: string;
  count: number;
}

export interface Reinvestment {
  fundId: string;
  region: string;
  requiredFen: number;
  qualifyingFen: number;
  qualifyingInvestments: number;
  progress: number;
  met: boolean;
}

export interface DemoChainResult {
  correlationId: string;
  technologyId: string;
  demandId: string;
  matchId: string;
  matchScore: number;
  contractId: string;
  contractValueFen: number;
  applicationId: string;
  originRegion: string;
  investmentId: string;
  investmentFen: number;
  countsTowardReinvestment: boolean;
  kpis: {
    /** demand GET /kpis: signed + registered contracts CN-BJ → CN-TJ (all deals so far). */
    contractValue: RegionPairValue;
    /** park GET /kpis: settlements in CN-TJ parks by origin region. */
    settlementsInTianjin: Settlements[];
    /** fund: leverage of the Tianjin seed fund and its 返投 progress before and after this deal. */
    seedFund: {
      fundId: string;
      leverage: number;
      reinvestmentBefore: Reinvestment;
      reinvestment: Reinvestment;
    };
  };
}

const CONTRACT_VALUE_FEN = 650_000_000; // ¥650 万
const INVESTMENT_FEN = 500_000_000; // ¥500 万
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US')}`;

/**
 * The chain of DESIGN.md §3, driven through the services' public HTTP APIs exactly as agencies
 * would: each service reacts to the previous one's events on its own, and the chain only waits
 * (polls) where an event has to travel. Used by `corridor-platform up` and the end-to-end test.
 */
export async function runDemoChain(opts: DemoChainOptions): Promise<DemoChainResult> {
  const correlationId = opts.correlationId ?? randomUUID();
  const log = opts.log ?? (() => {});
  const stepTimeoutMs = opts.stepTimeoutMs ?? 60_000;
  const { urls } = opts;
  const token = (sub: string, region: string, agency: string) =>
    signToken({
      secret: opts.jwtSecret,
      sub,
      region: region as never,
      roles: ['agency-writer', 'agency-reader'],
      agency,
      expiresIn: '1h',
    });
  // Each step acts as the agency that owns it: Beijing's for the technology, Tianjin's for the rest.
  const bj = await token('bj-kjj-demo', 'CN-BJ', 'bj-kjj');
  const tj = await token('tj-kjj-demo', 'CN-TJ', 'tj-kjj');
  const client = (service: keyof ServiceUrls, t: string) =>
    new ApiClient(urls[service], { token: t, correlationId });
  const supply = client('supply', bj);
  const demand = client('demand', tj);
  const demandAsSeller = client('demand', bj);
  const park = client('park-onboarding', tj);
  const fund = client('fund', tj);
  const waitFor = <T>(description: string, probe: () => Promise<T | undefined | false>) =>
    pollUntil(probe, { timeoutMs: stepTimeoutMs, intervalMs: 250, description });
  let n = 0;
  const step = (text: string) => log(`  ${String(++n).padStart(2)}. ${text}`);

  log(`correlation id ${correlationId}`);

  // 1. supply: a Beijing institute publishes a technology.
  const tech = await supply.post<{ id: string }>('/technologies', {
    title: '高镍三元正极材料低温烧结工艺',
    summary:
      'Low-temperature sintering route for Ni-rich NCM cathodes that cuts energy use by 30% with equal capacity retention.',
    field: 'new-energy-vehicles',
    keywords: ['正极材料', '高镍', '烧结', 'battery'],
    owner: SELLER,
    region: 'CN-BJ',
    city: '海淀区',
    trl: 5,
    patents: [{ number: 'ZL202210345678.9', title: '一种高镍正极材料的低温烧结方法' }],
    transferModes: ['license', 'equity-in-kind', 'use-first-pay-later'],
    askingPriceFen: 800_000_000,
  });
  await supply.post(`/technologies/${tech.id}/publish`);
  step(`supply     ${SELLER.name} (CN-BJ) published technology ${tech.id}`);

  // demand learns the catalogue from supply's events; the need is published once it is there, so
  // the match below is proposed by demand's own reaction to either event.
  await waitFor(
    `technology ${tech.id} in demand's catalogue`,
    async () => (await demand.find(`/technologies/${tech.id}`)) !== undefined,
  );
  step(`demand     catalogue projection received technology.published`);

  // 2. demand: a Tianjin enterprise publishes a need.
  const need = await demand.post<{ demandId: string }>('/demands', {
    enterprise: BUYER,
    title: '动力电池正极材料降本工艺',
    field: 'new-energy-vehicles',
    problem: '现有高镍正极烧结能耗高，需要降低30%能耗且不降低循环寿命。',
    keywords: ['正极材料', '烧结', '降本'],
    budgetFen: 1_000_000_000,
    deadline: '2027-06-30',
    acceptableModes: ['license', 'transfer'],
    minTrl: 5,
    region: 'CN-TJ',
  });
  step(`demand     ${BUYER.name} (CN-TJ) published need ${need.demandId}`);

  // 3. demand proposes the match by itself.
  const match = await waitFor('the match proposed by demand', async () => {
    const page = await demand.get<{
      items: { matchId: string; technologyId: string; score: number; status: string }[];
    }>(`/matches?demandId=${encodeURIComponent(need.demandId)}&technologyId=${encodeURIComponent(tech.id)}`);
    return page.items[0];
  });
  step(`demand     proposed match ${match.matchId} (score ${match.score}, cross-region CN-BJ → CN-TJ)`);

  // 4. both sides accept (each through its own region's agency); the accepted match becomes a
  // contract naming the Tianjin park, which is then signed.
  await demandAsSeller.post(`/matches/${match.matchId}/accept`, { party: 'seller', name: SELLER.name });
  const accepted = await demand.post<{ status: string }>(`/matches/${match.matchId}/accept`, {
    party: 'buyer',
    name: BUYER.name,
  });
  step(`demand     seller and buyer accepted the match (${accepted.status})`);
  const drafted = await demand.post<{ contractId: string }>(`/matches/${match.matchId}/contract`, {
    type: 'license',
    title: '高镍正极低温烧结工艺独占许可合同',
    valueFen: CONTRACT_VALUE_FEN,
    manager: { id: 'tm-bj-0031', name: '李明' },
    commissionRule: { kind: 'basis-points', basisPoints: 300 },
    landingParkId: PARK_TJ_BINHAI,
  });
  const signed = await demand.post<{
    contractId: string;
    status: string;
    valueFen: number;
    seller: { region: string };
    buyer: { region: string };
  }>(`/contracts/${drafted.contractId}/sign`);
  step(
    `demand     contract ${signed.contractId} signed: ${yuan(signed.valueFen)}, seller ${signed.seller.region} → buyer ${signed.buyer.region}, landing park ${PARK_TJ_BINHAI}`,
  );

  // 5. park-onboarding opened the landing application by itself from contract.signed.
  const application = await waitFor('the landing application opened by park-onboarding', () =>
    findLanding(park, signed.contractId),
  );
  step(
    `park       landing application ${application.id} opened (origin region ${application.enterprise.originRegion})`,
  );

  // 6. the Tianjin park reviews, approves, registers and settles it.
  await park.post(`/applications/${application.id}/review`);
  await park.post(`/applications/${application.id}/approve`);
  await park.post(`/applications/${application.id}/register`, {
    name: BUYER.name,
    creditCode: BUYER.creditCode,
  });
  const settled = await park.post<{ status: string; enterprise: { originRegion: string } }>(
    `/applications/${application.id}/settle`,
    {},
  );
  step(`park       application reviewed → approved → registered → ${settled.status}`);

  // 7. fund learns of the settlement (enterprise.settled) and then commits a 先投后股 investment.
  const before = await fund.get<Reinvestment>(`/funds/${FUND_TJ_SEED}/reinvestment`);
  await waitFor('fund to record the settlement as a candidate', async () => {
    const page = await fund.get<{
      items: { creditCode: string; settlements?: { applicationId: string }[] }[];
    }>(`/candidates?type=enterprise&region=CN-TJ&limit=100`);
    return page.items.some(
      (c) =>
        c.creditCode === BUYER.creditCode && c.settlements?.some((s) => s.applicationId === application.id),
    );
  });
  step(`fund       enterprise.settled received: ${BUYER.name} is a candidate for Tianjin funds`);
  const investment = await fund.post<{
    investmentId: string;
    amountFen: number;
    countsTowardReinvestmentAtCommit: boolean;
  }>(`/funds/${FUND_TJ_SEED}/investments`, {
    enterprise: BUYER,
    instrument: 'invest-first-equity-later',
    amountFen: INVESTMENT_FEN,
    conversionTerms: { discountBasisPoints: 2_000 },
  });
  step(
    `fund       ${FUND_TJ_SEED} committed ${yuan(investment.amountFen)} 先投后股 as ${investment.investmentId} (counts toward 返投: ${investment.countsTowardReinvestmentAtCommit})`,
  );

  // KPIs, as each service reports them.
  const demandKpis = await demand.get<{ contractValueByRegionPair: RegionPairValue[] }>('/kpis');
  const contractValue = demandKpis.contractValueByRegionPair.find(
    (p) => p.sellerRegion === 'CN-BJ' && p.buyerRegion === 'CN-TJ',
  ) ?? {
    sellerRegion: 'CN-BJ',
    buyerRegion: 'CN-TJ',
    contracts: 0,
    valueFen: 0,
  };
  const parkKpis = await park.get<{ settlements: Settlements[] }>('/kpis?region=CN-TJ');
  const settlementsInTianjin = parkKpis.settlements.filter((s) => s.parkRegion === 'CN-TJ');
  const seed = await fund.get<{ fundId: string; leverage: number }>(`/funds/${FUND_TJ_SEED}`);
  const reinvestment = await fund.get<Reinvestment>(`/funds/${FUND_TJ_SEED}/reinvestment`);

  log('KPIs');
  log(
    `  contract value CN-BJ → CN-TJ  ${yuan(contractValue.valueFen)} in ${contractValue.contracts} contract(s)   (demand /kpis)`,
  );
  for (const s of settlementsInTianjin)
    log(`  settled in CN-TJ from ${s.originRegion}     ${s.count} firm(s)   (park-onboarding /kpis)`);
  log(`  ${FUND_TJ_SEED} leverage       ${seed.leverage}×   (fund /funds/${FUND_TJ_SEED})`);
  log(
    `  ${FUND_TJ_SEED} 返投 progress  ${(reinvestment.progress * 100).toFixed(2)}%: ${yuan(reinvestment.qualifyingFen)} of ${yuan(reinvestment.requiredFen)} (was ${yuan(before.qualifyingFen)})`,
  );

  return {
    correlationId,
    technologyId: tech.id,
    demandId: need.demandId,
    matchId: match.matchId,
    matchScore: match.score,
    contractId: signed.contractId,
    contractValueFen: signed.valueFen,
    applicationId: application.id,
    originRegion: settled.enterprise.originRegion,
    investmentId: investment.investmentId,
    investmentFen: investment.amountFen,
    countsTowardReinvestment: investment.countsTowardReinvestmentAtCommit,
    kpis: {
      contractValue,
      settlementsInTianjin,
      seedFund: { fundId: seed.fundId, leverage: seed.leverage, reinvestmentBefore: before, reinvestment },
    },
  };
}

interface ApplicationView {
  id: string;
  contractId?: string;
  status: string;
  enterprise: { originRegion: string };
}

/** The landing application of a contract, found through the public list API. */
async function findLanding(park: ApiClient, contractId: string): Promise<ApplicationView | undefined> {
  let cursor: string | null | undefined;
  do {
    const page = await park.get<{ items: ApplicationView[]; nextCursor?: string | null }>(
      `/applications?parkId=${PARK_TJ_BINHAI}&kind=landing&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    const found = page.items.find((a) => a.contractId === contractId);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
}
