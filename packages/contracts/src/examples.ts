// One realistic payload per event type, following the demo chain: a Beijing institute's
// technology lands with a Tianjin enterprise in a Tianjin park and draws a seed-fund investment.
// Credit codes carry valid GB 32100-2015 check characters.

export const CODES = {
  tjEnterprise: '91120116MA05TJ001C', // 天津滨海 enterprise (buyer)
  tjLocalEntity: '91120116MA06KJ002U',
  bjInstitute: '12100000400000624D',
  bjSpinOff: '91110108MA01ABCD1E',
  tjMarket: '121200004013593211',
  bank: '91110000100003921P',
  szEnterprise: '91440300MA5FAB1235',
  bjOrg: '52110000MJ01234569',
  heEnterprise: '91130600MA0BD0001W', // 保定
  bjQuantum: '91110108MA01QX007X',
} as const;

const tech = {
  technologyId: 'tech-bj-000123',
  title: '高镍三元正极材料低温烧结工艺',
  summary:
    'Low-temperature sintering route for Ni-rich NCM cathodes that cuts energy use by 30% with equal capacity retention.',
  field: 'new-energy-vehicles',
  keywords: ['正极材料', '高镍', '烧结', 'battery'],
  owner: {
    institutionId: 'inst-bj-cas-phys',
    name: '中国科学院物理研究所',
    kind: 'research-institute',
    creditCode: CODES.bjInstitute,
    region: 'CN-BJ',
  },
  region: 'CN-BJ',
  city: '海淀区',
  trl: 5,
  stage: 'development',
  patents: [{ number: 'ZL202210345678.9', title: '一种高镍正极材料的低温烧结方法' }],
  transferModes: ['license', 'equity-in-kind', 'use-first-pay-later'],
  askingPriceFen: 800_000_000,
} as const;

const tjEnterprise = {
  enterpriseId: 'ent-tj-000042',
  name: '天津滨海锂能科技有限公司',
  creditCode: CODES.tjEnterprise,
  region: 'CN-TJ',
  city: '滨海新区',
} as const;

const applicant = {
  enterpriseId: 'ent-tj-000042',
  name: '天津滨海锂能科技有限公司',
  creditCode: CODES.tjEnterprise,
  originRegion: 'CN-BJ',
  originCity: '海淀区',
} as const;

const landingApplication = {
  applicationId: 'app-tj-000777',
  parkId: 'park-tj-binhai-01',
  parkRegion: 'CN-TJ',
  kind: 'landing',
  contractId: 'ctr-2026-000314',
  enterprise: applicant,
} as const;

const { contractId: _contract, ...withoutContract } = landingApplication;

const investment = {
  investmentId: 'inv-tj-seed-0009',
  fundId: 'fund-tj-seed-01',
  fundRegion: 'CN-TJ',
  enterprise: tjEnterprise,
  instrument: 'invest-first-equity-later',
} as const;

const loan = {
  poolId: 'pool-tj-kj-01',
  loanId: 'loan-tj-2026-0456',
  poolRegion: 'CN-TJ',
  bank: { name: '天津银行滨海分行', creditCode: CODES.bank },
  enterprise: tjEnterprise,
  principalFen: 300_000_000,
} as const;

const match = {
  matchId: 'match-000981',
  demandId: 'dem-tj-000510',
  technologyId: 'tech-bj-000123',
  sellerRegion: 'CN-BJ',
  buyerRegion: 'CN-TJ',
  crossRegion: true,
} as const;

const contractRef = {
  contractId: 'ctr-2026-000314',
  technologyId: 'tech-bj-000123',
  type: 'license',
  sellerRegion: 'CN-BJ',
  buyerRegion: 'CN-TJ',
} as const;

const team = (n: number, region: string, inst: string, kind: string) => ({
  teamId: `team-${n}`,
  name: `${inst}攻关团队`,
  leadInstitution: { institutionId: `inst-${n}`, name: inst, kind },
  region,
});

const { stage: _stage, ...techInput } = tech;

export const EXAMPLES: Record<string, unknown> = {
  'corridor.supply.technology.published.v1': {
    ...tech,
    status: 'published',
    publishedAt: '2026-11-02T09:30:00+08:00',
  },
  'corridor.supply.technology.updated.v1': {
    ...tech,
    askingPriceFen: 750_000_000,
    status: 'published',
    changedFields: ['askingPriceFen'],
    updatedAt: '2026-11-05T10:00:00+08:00',
  },
  'corridor.supply.technology.withdrawn.v1': {
    technologyId: 'tech-bj-000099',
    region: 'CN-BJ',
    reason: '专利权属变更，暂停转化',
    withdrawnAt: '2026-11-06T14:00:00+08:00',
  },
  'corridor.supply.technology.poc-completed.v1': {
    technologyId: 'tech-bj-000123',
    region: 'CN-BJ',
    passed: true,
    trlBefore: 5,
    trlAfter: 6,
    stageAfter: 'development',
    reportSummary: '百克级样品循环1000次容量保持率92%，达到概念验证目标。',
    costFen: 120_000_000,
    completedAt: '2026-11-10T17:00:00+08:00',
    pocCenterId: 'park-bj-poc-zgc',
    pocCenterName: '中关村概念验证中心',
    pocCenterRegion: 'CN-BJ',
  },
  'corridor.supply.technology.pilot-completed.v1': {
    technologyId: 'tech-bj-000123',
    region: 'CN-BJ',
    passed: true,
    trlBefore: 6,
    trlAfter: 7,
    stageAfter: 'commercialization',
    reportSummary: '吨级中试线连续运行30天，批次一致性达标。',
    completedAt: '2026-11-15T12:00:00+08:00',
    pilotPlatformId: 'park-tj-pilot-01',
    pilotPlatformName: '天津滨海新材料中试基地',
    pilotPlatformRegion: 'CN-TJ',
    batchSize: 12,
    yieldBasisPoints: 9350,
  },
  'corridor.supply.technology.transferred.v1': {
    technologyId: 'tech-bj-000123',
    contractId: 'ctr-2026-000314',
    region: 'CN-BJ',
    buyerName: tjEnterprise.name,
    buyerRegion: 'CN-TJ',
    contractType: 'license',
    valueFen: 650_000_000,
    transferredAt: '2026-11-20T10:05:00+08:00',
  },
  'corridor.demand.demand.published.v1': {
    demandId: 'dem-tj-000510',
    enterprise: tjEnterprise,
    title: '动力电池正极材料降本工艺',
    field: 'new-energy-vehicles',
    problem: '现有高镍正极烧结能耗高，需要降低30%能耗且不降低循环寿命。',
    keywords: ['正极材料', '烧结', '降本'],
    budgetFen: 1_000_000_000,
    deadline: '2027-06-30',
    acceptableModes: ['license', 'transfer'],
    minTrl: 5,
    region: 'CN-TJ',
    publishedAt: '2026-11-08T09:00:00+08:00',
  },
  'corridor.demand.demand.closed.v1': {
    demandId: 'dem-tj-000510',
    region: 'CN-TJ',
    outcome: 'fulfilled',
    contractId: 'ctr-2026-000314',
    closedAt: '2026-11-20T10:00:00+08:00',
  },
  'corridor.demand.challenge.posted.v1': {
    challengeId: 'chl-gd-0007',
    leadEnterprise: {
      name: '深圳低空智航科技有限公司',
      creditCode: CODES.szEnterprise,
      region: 'CN-GD',
      city: '深圳市',
    },
    title: '城市物流无人机全天候避障系统',
    field: 'low-altitude-economy',
    problem: '在雨雾天气下实现5公里航线的自主避障，误报率低于1%。',
    keywords: ['无人机', '避障', '毫米波雷达'],
    bountyFen: 2_000_000_000,
    raceSize: 3,
    stages: [
      { stage: 1, name: '方案评审', reviewDate: '2027-01-15', fundingPerTeamFen: 100_000_000 },
      { stage: 2, name: '样机测试', reviewDate: '2027-05-15', fundingPerTeamFen: 300_000_000 },
    ],
    bidDeadline: '2026-12-31',
    region: 'CN-GD',
    postedAt: '2026-11-01T10:00:00+08:00',
  },
  'corridor.demand.challenge.bid-submitted.v1': {
    challengeId: 'chl-gd-0007',
    bidId: 'bid-0007-02',
    team: team(2, 'CN-SC', '电子科技大学', 'university'),
    proposal: '毫米波雷达与视觉融合的轻量化感知方案，已完成外场试飞。',
    requestedFen: 400_000_000,
    region: 'CN-GD',
    submittedAt: '2026-12-10T16:30:00+08:00',
  },
  'corridor.demand.challenge.awarded.v1': {
    challengeId: 'chl-gd-0007',
    region: 'CN-GD',
    winningBidId: 'bid-0007-02',
    winningTeam: team(2, 'CN-SC', '电子科技大学', 'university'),
    bountyFen: 2_000_000_000,
    fundedTeams: [
      {
        bidId: 'bid-0007-01',
        teamId: 'team-1',
        region: 'CN-BJ',
        fundedFen: 100_000_000,
        eliminatedAtStage: 1,
      },
      { bidId: 'bid-0007-02', teamId: 'team-2', region: 'CN-SC', fundedFen: 400_000_000 },
      {
        bidId: 'bid-0007-03',
        teamId: 'team-3',
        region: 'CN-GD',
        fundedFen: 400_000_000,
        eliminatedAtStage: 2,
      },
    ],
    stageReviews: [
      { stage: 1, reviewedAt: '2027-01-15T15:00:00+08:00', advancingBidIds: ['bid-0007-02', 'bid-0007-03'] },
      { stage: 2, reviewedAt: '2027-05-15T15:00:00+08:00', advancingBidIds: ['bid-0007-02'] },
    ],
    awardedAt: '2027-05-20T10:00:00+08:00',
  },
  'corridor.demand.match.proposed.v1': {
    ...match,
    score: 0.86,
    explanation: [
      { factor: 'field', weight: 0.3, score: 1, detail: 'both new-energy-vehicles' },
      { factor: 'keywords', weight: 0.25, score: 0.67, detail: '正极材料, 烧结 in common' },
      { factor: 'trl', weight: 0.2, score: 1, detail: 'TRL 5 meets minTrl 5' },
      { factor: 'mode', weight: 0.15, score: 1, detail: 'license offered and acceptable' },
      { factor: 'region', weight: 0.1, score: 0.6, detail: 'CN-BJ → CN-TJ within cluster JJJ' },
    ],
    proposedAt: '2026-11-08T09:00:05+08:00',
  },
  'corridor.demand.match.accepted.v1': {
    ...match,
    acceptedBy: { party: 'buyer', name: tjEnterprise.name },
    acceptedAt: '2026-11-12T11:00:00+08:00',
  },
  'corridor.demand.match.declined.v1': {
    ...match,
    matchId: 'match-000982',
    technologyId: 'tech-sh-000777',
    sellerRegion: 'CN-SH',
    declinedBy: { party: 'buyer', name: tjEnterprise.name },
    reason: 'TRL too low for our schedule',
    declinedAt: '2026-11-12T11:05:00+08:00',
  },
  'corridor.demand.contract.signed.v1': {
    contractId: 'ctr-2026-000314',
    matchId: 'match-000981',
    demandId: 'dem-tj-000510',
    technologyId: 'tech-bj-000123',
    type: 'license',
    title: '高镍正极低温烧结工艺独占许可合同',
    seller: {
      institutionId: 'inst-bj-cas-phys',
      name: '中国科学院物理研究所',
      kind: 'research-institute',
      region: 'CN-BJ',
    },
    buyer: tjEnterprise,
    valueFen: 650_000_000,
    manager: { id: 'tm-bj-0031', name: '李明', commissionFen: 19_500_000 },
    landingParkId: 'park-tj-binhai-01',
    signedAt: '2026-11-20T10:00:00+08:00',
  },
  'corridor.demand.contract.registered.v1': {
    ...contractRef,
    registrationNumber: '2026120000314',
    registrar: { name: '天津市技术市场', creditCode: CODES.tjMarket, region: 'CN-TJ' },
    confirmedValueFen: 650_000_000,
    registeredAt: '2026-11-25T09:00:00+08:00',
  },
  'corridor.demand.contract.terminated.v1': {
    ...contractRef,
    contractId: 'ctr-2026-000201',
    reason: '买方未按期支付首期许可费',
    terminatedAt: '2026-11-28T09:00:00+08:00',
  },
  'corridor.park.park.registered.v1': {
    parkId: 'park-tj-binhai-01',
    name: '天津滨海高新区京津合作示范园',
    kind: 'science-park',
    region: 'CN-TJ',
    city: '滨海新区',
    focusFields: ['new-energy-vehicles', 'new-materials', 'high-end-equipment'],
    capacity: 120,
    operator: { name: '天津滨海科技园发展有限公司', creditCode: CODES.tjLocalEntity },
    registeredAt: '2026-10-01T09:00:00+08:00',
  },
  'corridor.park.application.submitted.v1': {
    ...landingApplication,
    technologyId: 'tech-bj-000123',
    headcount: 25,
    requestedAreaSqm: 1500,
    submittedAt: '2026-11-20T10:00:02+08:00',
  },
  'corridor.park.application.approved.v1': {
    ...landingApplication,
    occupancy: { occupied: 87, capacity: 120 },
    approvedAt: '2026-11-22T15:00:00+08:00',
  },
  'corridor.park.application.rejected.v1': {
    ...withoutContract,
    applicationId: 'app-tj-000778',
    kind: 'relocation',
    reasonCode: 'capacity-full',
    reason: '园区已满员（120/120）',
    rejectedAt: '2026-11-22T15:30:00+08:00',
  },
  'corridor.park.application.withdrawn.v1': {
    ...withoutContract,
    applicationId: 'app-tj-000779',
    kind: 'branch',
    reason: '改为入驻河北雄安',
    withdrawnAt: '2026-11-23T09:00:00+08:00',
  },
  'corridor.park.enterprise.registered.v1': {
    ...landingApplication,
    localEntity: { name: '天津滨海锂能科技有限公司', creditCode: CODES.tjEnterprise, region: 'CN-TJ' },
    registeredAt: '2026-11-26T10:00:00+08:00',
  },
  'corridor.park.enterprise.settled.v1': {
    ...landingApplication,
    localEntity: { name: '天津滨海锂能科技有限公司', creditCode: CODES.tjEnterprise, region: 'CN-TJ' },
    occupancy: { occupied: 88, capacity: 120 },
    settledAt: '2026-12-01T09:00:00+08:00',
  },
  'corridor.fund.fund.established.v1': {
    fundId: 'fund-tj-seed-01',
    name: '天津市科技种子基金',
    kind: 'seed',
    parentFundId: 'fund-tj-mother-01',
    region: 'CN-TJ',
    manager: { name: '天津科创投资管理有限公司', creditCode: CODES.tjLocalEntity },
    governmentCommitmentFen: 20_000_000_000,
    totalSizeFen: 50_000_000_000,
    leverage: 2.5,
    reinvestment: { ratioBasisPoints: 15_000, requirementFen: 30_000_000_000 },
    establishedAt: '2026-01-10T09:00:00+08:00',
  },
  'corridor.fund.investment.committed.v1': {
    ...investment,
    amountFen: 500_000_000,
    countsTowardReinvestment: true,
    basis: { settlementApplicationId: 'app-tj-000777', contractId: 'ctr-2026-000314' },
    committedAt: '2026-12-01T09:00:05+08:00',
  },
  'corridor.fund.investment.disbursed.v1': {
    ...investment,
    trancheFen: 200_000_000,
    disbursedTotalFen: 200_000_000,
    committedFen: 500_000_000,
    disbursedAt: '2026-12-15T09:00:00+08:00',
  },
  'corridor.fund.investment.converted.v1': {
    ...investment,
    amountFen: 500_000_000,
    conversion: { roundName: 'A轮', roundValuationFen: 40_000_000_000, equityBasisPoints: 125 },
    convertedAt: '2027-09-01T09:00:00+08:00',
  },
  'corridor.fund.loan.registered.v1': {
    ...loan,
    termMonths: 24,
    annualRateBasisPoints: 385,
    compensationShareBasisPoints: 5000,
    poolBalanceFen: 10_000_000_000,
    registeredAt: '2026-06-01T09:00:00+08:00',
  },
  'corridor.fund.loan.defaulted.v1': {
    ...loan,
    lossFen: 120_000_000,
    reason: '经营现金流断裂',
    defaultedAt: '2027-03-01T09:00:00+08:00',
  },
  'corridor.fund.loan.compensated.v1': {
    ...loan,
    lossFen: 120_000_000,
    compensationShareBasisPoints: 5000,
    compensationFen: 60_000_000,
    capped: false,
    poolBalanceFen: 9_940_000_000,
    compensatedAt: '2027-03-20T09:00:00+08:00',
  },
  'corridor.supply.technology.publish-requested.v1': techInput,
  'corridor.demand.demand.publish-requested.v1': {
    demandId: 'dem-he-000061',
    enterprise: {
      name: '河北保定智能装备有限公司',
      creditCode: CODES.heEnterprise,
      region: 'CN-HE',
      city: '保定市',
    },
    title: '协作机器人力控关节',
    field: 'embodied-intelligence',
    problem: '需要国产化的高精度力矩传感关节，重复定位精度±0.02mm。',
    keywords: ['协作机器人', '力控', '关节'],
    budgetFen: 300_000_000,
    deadline: '2027-03-31',
    acceptableModes: ['transfer', 'co-development'],
  },
  'corridor.park.application.submit-requested.v1': {
    applicationId: 'app-agency-tj-0001',
    parkId: 'park-tj-binhai-01',
    kind: 'branch',
    enterprise: { name: '北京量子芯科技有限公司', creditCode: CODES.bjQuantum, originRegion: 'CN-BJ' },
    headcount: 12,
  },
  'corridor.fund.loan.register-requested.v1': {
    loanId: 'loan-tj-2026-0457',
    poolId: 'pool-tj-kj-01',
    bank: { name: '天津银行滨海分行', creditCode: CODES.bank },
    enterprise: tjEnterprise,
    principalFen: 200_000_000,
    termMonths: 12,
    annualRateBasisPoints: 350,
  },
};

const rejected = (svc: string, type: string) => ({
  originalId: '0b8f9e52-3c1d-4f7a-9a57-2f1d8c6e4b10',
  originalType: type,
  originalSource: '/agencies/tj-kjj',
  originalSubject: 'dem-he-000061',
  claimedRegion: 'CN-HE',
  reasonCode: 'region-forbidden',
  reasons: [
    {
      path: 'headers.ce_region',
      message: `source /agencies/tj-kjj may act for CN-TJ only, not CN-HE (${svc})`,
    },
  ],
  deadLetter: { topic: `corridor.${svc}.dlq.v1`, partition: 0, offset: '1842' },
  rejectedAt: '2026-11-23T09:00:01+08:00',
});
EXAMPLES['corridor.supply.ingest.rejected.v1'] = rejected(
  'supply',
  'corridor.supply.technology.publish-requested.v1',
);
EXAMPLES['corridor.demand.ingest.rejected.v1'] = rejected(
  'demand',
  'corridor.demand.demand.publish-requested.v1',
);
EXAMPLES['corridor.park.ingest.rejected.v1'] = rejected(
  'park',
  'corridor.park.application.submit-requested.v1',
);
EXAMPLES['corridor.fund.ingest.rejected.v1'] = rejected('fund', 'corridor.fund.loan.register-requested.v1');
