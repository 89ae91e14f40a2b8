import { demandInputSchema } from '@corridor/contracts';
import { apiView, defineRoute, NotFoundProblem, paginate, type AnyRoute } from '@corridor/service-kit';
import type { DemandDeps } from '../commands/deps';
import { closeDemand, publishDemand } from '../commands/demands';
import { closeDemandBody, demandListQuery, idParams } from './schemas';
import { pageOf, needView } from './views';
import { httpMeta, regionWriter } from './http';

export const demandRoutes = (deps: DemandDeps): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/demands',
    response: needView,
    summary: 'Publish a need (需求包)',
    description: 'Same body as the agency command corridor.demand.demand.publish-requested.v1. Matches are proposed asynchronously.',
    tags: ['demands'],
    roles: ['agency-writer', 'operator'],
    body: demandInputSchema,
    handler: async ({ body, principal }) => {
      const need = await publishDemand(deps, body, httpMeta(), regionWriter(principal));
      return { status: 201, body: apiView(need), headers: { Location: `/demands/${need.demandId}` } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/demands/:id/close',
    response: needView,
    summary: 'Close a need (fulfilled by a contract, expired or withdrawn)',
    tags: ['demands'],
    roles: ['agency-writer', 'operator'],
    params: idParams,
    body: closeDemandBody,
    status: 200,
    handler: async ({ params, body, principal }) => ({
      body: apiView(await closeDemand(deps, params.id, body, httpMeta(), regionWriter(principal))),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/demands/:id',
    response: needView,
    summary: 'One need',
    tags: ['demands'],
    params: idParams,
    handler: async ({ params }) => {
      const need = await deps.stores.demands.get(params.id);
      if (!need) throw new NotFoundProblem(`demand ${params.id} does not exist`);
      return { body: apiView(need) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/demands',
    response: pageOf(needView),
    summary: 'Needs, filtered by region, field and status, in stable cursor pages',
    tags: ['demands'],
    query: demandListQuery,
    handler: async ({ query }) => {
      const filter = {
        ...(query.region ? { region: query.region } : {}),
        ...(query.field ? { field: query.field } : {}),
        ...(query.status ? { status: query.status } : {}),
      };
      const page = await paginate(deps.stores.demands.collection, filter as never, query);
      return { body: { items: page.items.map(apiView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
    },
  }),
];
