import { apiView, defineRoute, NotFoundProblem, paginate, type AnyRoute } from '@corridor/service-kit';
import { contractFromMatch } from '../commands/contracts';
import type { DemandDeps } from '../commands/deps';
import { decideMatch } from '../commands/matches';
import { acceptBody, contractFromMatchBody, declineBody, idParams, matchListQuery } from './schemas';
import { contractView, matchView, pageOf } from './views';
import { anyRegionWriter, httpMeta, regionWriter } from './http';

const tags = ['matches'];
const roles = ['agency-writer' as const, 'operator' as const];

export const matchRoutes = (deps: DemandDeps): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/matches/:id/accept',
    response: matchView,
    summary: "Accept a proposed match (as buyer or seller, by that party's region)",
    tags,
    roles,
    params: idParams,
    body: acceptBody,
    status: 200,
    handler: async ({ params, body, principal }) => ({
      body: apiView(await decideMatch(deps, params.id, { accept: true, by: body }, httpMeta(), regionWriter(principal))),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/matches/:id/decline',
    response: matchView,
    summary: 'Decline a proposed match, with a reason',
    tags,
    roles,
    params: idParams,
    body: declineBody,
    status: 200,
    handler: async ({ params, body, principal }) => ({
      body: apiView(
        await decideMatch(
          deps,
          params.id,
          { accept: false, by: { party: body.party, name: body.name }, reason: body.reason },
          httpMeta(),
          regionWriter(principal),
        ),
      ),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/matches/:id/contract',
    response: contractView,
    summary: 'Draft the technology contract of an accepted match (seller from the catalogue, buyer from the need)',
    tags,
    roles,
    params: idParams,
    body: contractFromMatchBody,
    handler: async ({ params, body, principal }) => {
      const contract = await contractFromMatch(deps, params.id, body, httpMeta(), anyRegionWriter(principal));
      return { status: 201, body: apiView(contract), headers: { Location: `/contracts/${contract.contractId}` } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/matches/:id',
    response: matchView,
    summary: 'One match with its explained score',
    tags,
    params: idParams,
    handler: async ({ params }) => {
      const m = await deps.stores.matches.get(params.id);
      if (!m) throw new NotFoundProblem(`match ${params.id} does not exist`);
      return { body: apiView(m) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/matches',
    response: pageOf(matchView),
    summary: 'Matches, filtered by region (either side), status, need, technology, cross-region',
    tags,
    query: matchListQuery,
    handler: async ({ query }) => {
      const filter = {
        ...(query.region ? { $or: [{ buyerRegion: query.region }, { sellerRegion: query.region }] } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.demandId ? { demandId: query.demandId } : {}),
        ...(query.technologyId ? { technologyId: query.technologyId } : {}),
        ...(query.crossRegion ? { crossRegion: query.crossRegion === 'true' } : {}),
      };
      const page = await paginate(deps.stores.matches.collection, filter as never, query);
      return { body: { items: page.items.map(apiView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
    },
  }),
];
