import { apiView, defineRoute, NotFoundProblem, paginate, type AnyRoute } from '@corridor/service-kit';
import { draftNewContract, register, sign, terminate } from '../commands/contracts';
import type { DemandDeps } from '../commands/deps';
import { contractBody, contractListQuery, idParams, reasonBody, registerBody } from './schemas';
import { pageOf, contractView } from './views';
import { anyRegionWriter, httpMeta } from './http';

const tags = ['contracts'];
const roles = ['agency-writer' as const, 'operator' as const];

export const contractRoutes = (deps: DemandDeps): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/contracts',
    response: contractView,
    summary: 'Draft a technology contract (技术合同) directly (without a match)',
    tags,
    roles,
    body: contractBody,
    handler: async ({ body, principal }) => {
      const c = await draftNewContract(deps, body, httpMeta(), anyRegionWriter(principal));
      return { status: 201, body: apiView(c), headers: { Location: `/contracts/${c.contractId}` } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/contracts/:id/sign',
    response: contractView,
    summary: 'Sign a drafted contract (publishes contract.signed; a landingParkId opens a landing application)',
    tags,
    roles,
    params: idParams,
    status: 200,
    handler: async ({ params, principal }) => ({ body: apiView(await sign(deps, params.id, httpMeta(), anyRegionWriter(principal))) }),
  }),
  defineRoute({
    method: 'post',
    path: '/contracts/:id/register',
    response: contractView,
    summary: 'Register a signed contract: registration number and confirmed transaction value (核定技术交易额)',
    tags,
    roles,
    params: idParams,
    body: registerBody,
    status: 200,
    handler: async ({ params, body, principal }) => ({
      body: apiView(await register(deps, params.id, body, httpMeta(), anyRegionWriter(principal))),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/contracts/:id/terminate',
    response: contractView,
    summary: 'Terminate a contract, with a reason',
    tags,
    roles,
    params: idParams,
    body: reasonBody,
    status: 200,
    handler: async ({ params, body, principal }) => ({
      body: apiView(await terminate(deps, params.id, body.reason, httpMeta(), anyRegionWriter(principal))),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/contracts/:id',
    response: contractView,
    summary: 'One contract',
    tags,
    params: idParams,
    handler: async ({ params }) => {
      const c = await deps.stores.contracts.get(params.id);
      if (!c) throw new NotFoundProblem(`contract ${params.id} does not exist`);
      return { body: apiView(c) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/contracts',
    response: pageOf(contractView),
    summary: 'Contracts, filtered by region (either party), seller/buyer region, type and status',
    tags,
    query: contractListQuery,
    handler: async ({ query }) => {
      const filter = {
        ...(query.region ? { $or: [{ 'seller.region': query.region }, { 'buyer.region': query.region }] } : {}),
        ...(query.sellerRegion ? { 'seller.region': query.sellerRegion } : {}),
        ...(query.buyerRegion ? { 'buyer.region': query.buyerRegion } : {}),
        ...(query.type ? { type: query.type } : {}),
        ...(query.status ? { status: query.status } : {}),
      };
      const page = await paginate(deps.stores.contracts.collection, filter as never, query);
      return { body: { items: page.items.map(apiView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
    },
  }),
];
