import {
  assertRegionWrite,
  defineRoute,
  paginate,
  NotFoundProblem,
  ValidationProblem,
  type AnyRoute,
  type Principal,
} from '@corridor/service-kit';
import { loanInputFromCommand, type FundCommands, type CommandMeta } from '../commands';
import type { FundQueries } from '../queries';
import { fundView, investmentView, poolView } from '../queries';
import type { Stores } from '../model';
import { fundResponse, investmentResponse, pageOf, poolResponse, reinvestmentResponse } from './responses';
import {
  candidatesQuerySchema,
  commitInvestmentSchema,
  convertSchema,
  createFundSchema,
  createPoolSchema,
  defaultLoanSchema,
  disburseSchema,
  idParamsSchema,
  listFundsQuerySchema,
  listInvestmentsQuerySchema,
  loanParamsSchema,
  regionPageQuerySchema,
  regionQuerySchema,
  registerLoanSchema,
} from './schemas';

export interface ApiDeps {
  stores: Stores;
  commands: FundCommands;
  queries: FundQueries;
}

const WRITERS = ['agency-writer', 'operator'] as const;

/** An HTTP write acts for the token's region only (operators and admins for all). */
function httpMeta(principal: Principal): CommandMeta {
  return { authorize: (region) => assertRegionWrite(principal, region) };
}

function page<T, V>(p: { items: T[]; nextCursor?: string }, view: (item: T) => V) {
  return { items: p.items.map(view), ...(p.nextCursor ? { nextCursor: p.nextCursor } : {}) };
}

export function fundRoutes({ stores, commands, queries }: ApiDeps): AnyRoute[] {
  const tags = { funds: ['funds'], investments: ['investments'], pools: ['pools'], projections: ['candidates & opportunities'], kpi: ['kpi'] };
  return [
    // ---- funds ----
    defineRoute({
      method: 'post',
      path: '/funds',
      response: fundResponse,
      summary: 'Establish a guidance fund (mother, sub, seed, angel or PoC fund)',
      tags: tags.funds,
      roles: [...WRITERS],
      body: createFundSchema,
      handler: async ({ body, principal }) => {
        const fund = await commands.establishFund(body, httpMeta(principal));
        return { status: 201, body: fundView(fund), headers: { Location: `/funds/${fund.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/funds',
      response: pageOf(fundResponse),
      summary: 'List funds, filtered by region and kind, with cursor pagination',
      tags: tags.funds,
      query: listFundsQuerySchema,
      handler: async ({ query }) => {
        const filter = { ...(query.region ? { region: query.region } : {}), ...(query.kind ? { kind: query.kind } : {}) };
        const result = await paginate(stores.funds.collection, filter, query);
        return { body: page(result, fundView) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/funds/:id',
      response: fundResponse,
      summary: 'A fund with its leverage, remaining size and 返投 requirement',
      tags: tags.funds,
      params: idParamsSchema,
      handler: async ({ params }) => {
        const fund = await stores.funds.get(params.id);
        if (!fund) throw new NotFoundProblem(`fund ${params.id} does not exist`);
        return { body: fundView(fund) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/funds/:id/reinvestment',
      response: reinvestmentResponse,
      summary: '返投 progress: investments into enterprises settled in the fund region against the requirement',
      tags: tags.funds,
      params: idParamsSchema,
      handler: async ({ params }) => {
        const fund = await stores.funds.get(params.id);
        if (!fund) throw new NotFoundProblem(`fund ${params.id} does not exist`);
        const [progress] = await queries.progressOf([fund]);
        return { body: { ...progress!, progress: progress!.progress.ratio, progressBasisPoints: progress!.progress.bp } };
      },
    }),

    // ---- investments ----
    defineRoute({
      method: 'post',
      path: '/funds/:id/investments',
      response: investmentResponse,
      summary: 'Commit an investment (equity, 拨投结合 grant-to-equity, 先投后股 invest-first-equity-later)',
      tags: tags.investments,
      roles: [...WRITERS],
      params: idParamsSchema,
      body: commitInvestmentSchema,
      handler: async ({ params, body, principal }) => {
        const inv = await commands.commitInvestment(params.id, body, httpMeta(principal));
        return { status: 201, body: investmentView(inv), headers: { Location: `/investments/${inv.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/investments',
      response: pageOf(investmentResponse),
      summary: 'List investments by fund, region and status, with cursor pagination',
      tags: tags.investments,
      query: listInvestmentsQuerySchema,
      handler: async ({ query }) => {
        const filter = {
          ...(query.fundId ? { fundId: query.fundId } : {}),
          ...(query.region ? { region: query.region } : {}),
          ...(query.status ? { status: query.status } : {}),
        };
        const result = await paginate(stores.investments.collection, filter, query);
        return { body: page(result, investmentView) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/investments/:id',
      response: investmentResponse,
      summary: 'An investment',
      tags: tags.investments,
      params: idParamsSchema,
      handler: async ({ params }) => {
        const inv = await stores.investments.get(params.id);
        if (!inv) throw new NotFoundProblem(`investment ${params.id} does not exist`);
        return { body: investmentView(inv) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/investments/:id/disbursements',
      response: investmentResponse,
      summary: 'Pay out a tranche (default: the rest of the commitment)',
      tags: tags.investments,
      roles: [...WRITERS],
      status: 200,
      params: idParamsSchema,
      body: disburseSchema,
      handler: async ({ params, body, principal }) => ({
        body: investmentView(await commands.disburse(params.id, body.trancheFen, httpMeta(principal))),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/investments/:id/conversion',
      response: investmentResponse,
      summary: 'Convert a fully disbursed 先投后股 / 拨投结合 grant into equity at a priced round',
      tags: tags.investments,
      roles: [...WRITERS],
      status: 200,
      params: idParamsSchema,
      body: convertSchema,
      handler: async ({ params, body, principal }) => ({
        body: investmentView(await commands.convert(params.id, body.round, httpMeta(principal))),
      }),
    }),

    // ---- risk-compensation pools ----
    defineRoute({
      method: 'post',
      path: '/pools',
      response: poolResponse,
      summary: 'Create a risk-compensation pool (风险补偿资金池) with partner banks',
      tags: tags.pools,
      roles: [...WRITERS],
      body: createPoolSchema,
      handler: async ({ body, principal }) => {
        const pool = await commands.createPool(body, httpMeta(principal));
        return { status: 201, body: poolView(pool), headers: { Location: `/pools/${pool.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/pools',
      response: pageOf(poolResponse),
      summary: 'List pools by region, with cursor pagination',
      tags: tags.pools,
      query: regionPageQuerySchema,
      handler: async ({ query }) => {
        const result = await paginate(stores.pools.collection, query.region ? { region: query.region } : {}, query);
        return { body: page(result, poolView) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/pools/:id',
      response: poolResponse,
      summary: 'A pool with its balance and loans',
      tags: tags.pools,
      params: idParamsSchema,
      handler: async ({ params }) => {
        const pool = await stores.pools.get(params.id);
        if (!pool) throw new NotFoundProblem(`pool ${params.id} does not exist`);
        return { body: poolView(pool) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/pools/:id/loans',
      summary: 'Register a partner bank loan to a tech SME (same body as the loan.register-requested ingest command)',
      tags: tags.pools,
      roles: [...WRITERS],
      params: idParamsSchema,
      body: registerLoanSchema,
      handler: async ({ params, body, principal }) => {
        if (body.poolId !== params.id) {
          throw new ValidationProblem([{ field: 'poolId', message: `must equal the pool in the path (${params.id})` }]);
        }
        const { loan } = await commands.registerLoan(params.id, loanInputFromCommand(body), httpMeta(principal));
        return { status: 201, body: { poolId: params.id, ...loan }, headers: { Location: `/pools/${params.id}` } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/pools/:id/loans/:loanId/default',
      summary: 'Report a default: the pool compensates its share of the principal loss, capped per loan and by its balance',
      tags: tags.pools,
      roles: [...WRITERS],
      status: 200,
      params: loanParamsSchema,
      body: defaultLoanSchema,
      handler: async ({ params, body, principal }) => {
        const r = await commands.defaultLoan(params.id, params.loanId, body.lossFen, body.reason, httpMeta(principal));
        return { body: { poolId: params.id, loan: r.loan, compensation: r.compensation, poolBalanceFen: r.pool.balanceFen } };
      },
    }),

    // ---- projections of other services' events ----
    defineRoute({
      method: 'get',
      path: '/candidates',
      summary: "Candidates for a region's funds: settled enterprises (type=enterprise) or PoC-passed technologies (type=technology)",
      tags: tags.projections,
      query: candidatesQuerySchema,
      handler: async ({ query }) => {
        const filter = query.region ? { region: query.region } : {};
        if (query.type === 'technology') {
          return { body: page(await paginate(stores.poc.collection, filter, query), stripStored) };
        }
        return { body: page(await paginate(stores.settled.collection, filter, query), stripStored) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/opportunities',
      summary: "Co-investment opportunities for the buyer region's funds (from signed technology contracts)",
      tags: tags.projections,
      query: regionPageQuerySchema,
      handler: async ({ query }) => {
        const filter = query.region ? { buyerRegion: query.region } : {};
        return { body: page(await paginate(stores.opportunities.collection, filter, query), stripStored) };
      },
    }),

    // ---- KPIs ----
    defineRoute({
      method: 'get',
      path: '/kpis',
      summary: 'Leverage and 返投 progress by fund and by region, pool balances',
      tags: tags.kpi,
      query: regionQuerySchema,
      handler: async ({ query }) => ({ body: await queries.kpis(query.region) }),
    }),
  ];
}

function stripStored<T extends object>(doc: T) {
  const { _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = doc as T & { _id: string; version?: number; createdAt?: Date; updatedAt?: Date };
  return { id: _id, ...rest };
}
