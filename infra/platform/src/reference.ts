import { EXAMPLE_CREDIT_CODES as CODES } from '@corridor/contracts';

// The cast of the demo: reference data seeded once, and the parties of the chain. Credit codes
// come from the contract examples, which carry valid GB 32100-2015 check characters.

export const PARK_TJ_BINHAI = 'park-tj-binhai-01';
export const FUND_TJ_SEED = 'fund-tj-seed-01';
export const FUND_TJ_MOTHER = 'fund-tj-mother-01';
export const POOL_TJ = 'pool-tj-kj-01';

export const PARKS = [
  {
    parkId: PARK_TJ_BINHAI,
    name: '天津滨海高新区京津合作示范园',
    kind: 'science-park',
    region: 'CN-TJ',
    city: '滨海新区',
    focusFields: ['new-energy-vehicles', 'new-materials', 'high-end-equipment'],
    capacity: 120,
    operator: { name: '天津滨海科技园发展有限公司', creditCode: CODES.tjLocalEntity },
  },
  {
    parkId: 'park-bj-zgc-incubator-01',
    name: '中关村前沿技术孵化器',
    kind: 'incubator',
    region: 'CN-BJ',
    city: '海淀区',
    focusFields: ['artificial-intelligence', 'quantum-technology', 'integrated-circuits'],
    capacity: 60,
    operator: { name: '中关村创业孵化服务有限公司' },
  },
  {
    parkId: 'park-he-baoding-pilot-01',
    name: '保定中关村创新中心中试基地',
    kind: 'pilot-base',
    region: 'CN-HE',
    city: '保定市',
    focusFields: ['new-energy-vehicles', 'new-materials'],
    capacity: 30,
    operator: { name: '保定中关村创新中心' },
  },
] as const;

const tjManager = { name: '天津科创投资管理有限公司', creditCode: CODES.tjLocalEntity };

/** Mother fund before its sub-fund: the sub-fund names it. */
export const FUNDS = [
  {
    fundId: FUND_TJ_MOTHER,
    name: '天津市海河产业母基金',
    kind: 'mother',
    region: 'CN-TJ',
    manager: tjManager,
    governmentCommitmentFen: 1_000_000_000_000, // ¥100 亿
    totalSizeFen: 4_000_000_000_000,
    reinvestmentRatioBasisPoints: 15_000,
  },
  {
    fundId: 'fund-tj-newmat-sub-01',
    name: '海河新材料子基金',
    kind: 'sub',
    parentFundId: FUND_TJ_MOTHER,
    region: 'CN-TJ',
    manager: tjManager,
    governmentCommitmentFen: 100_000_000_000,
    totalSizeFen: 500_000_000_000,
    reinvestmentRatioBasisPoints: 12_000,
  },
  {
    fundId: FUND_TJ_SEED,
    name: '天津市科技种子基金',
    kind: 'seed',
    region: 'CN-TJ',
    manager: tjManager,
    governmentCommitmentFen: 20_000_000_000, // ¥2 亿
    totalSizeFen: 50_000_000_000, // ¥5 亿 → leverage 2.5
    reinvestmentRatioBasisPoints: 15_000, // 返投 1.5 × government money = ¥3 亿
  },
  {
    fundId: 'fund-bj-poc-01',
    name: '中关村概念验证基金',
    kind: 'poc',
    region: 'CN-BJ',
    manager: { name: '北京中关村科技创业投资有限公司' },
    governmentCommitmentFen: 5_000_000_000,
    totalSizeFen: 10_000_000_000,
    reinvestmentRatioBasisPoints: 10_000,
  },
] as const;

export const POOLS = [
  {
    poolId: POOL_TJ,
    name: '天津市科技型中小企业风险补偿资金池',
    region: 'CN-TJ',
    partnerBanks: ['天津银行滨海分行'],
    coverageBasisPoints: 5_000,
    perLoanCapFen: 500_000_000,
    initialBalanceFen: 10_000_000_000,
  },
] as const;

/** The Beijing institute that sells, the Tianjin enterprise that buys. */
export const SELLER = {
  institutionId: 'inst-bj-cas-phys',
  name: '中国科学院物理研究所',
  kind: 'research-institute',
  creditCode: CODES.bjInstitute,
  region: 'CN-BJ',
} as const;

export const BUYER = {
  enterpriseId: 'ent-tj-000042',
  name: '天津滨海锂能科技有限公司',
  creditCode: CODES.tjEnterprise,
  region: 'CN-TJ',
  city: '滨海新区',
} as const;
