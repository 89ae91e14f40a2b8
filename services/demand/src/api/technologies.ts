import { defineRoute, HIDE_STORE_FIELDS, NotFoundProblem, paginate, type AnyRoute } from '@corridor/service-kit';
import type { DemandDeps } from '../commands/deps';
import { kpiReport } from '../kpis';
import { idParams, technologyListQuery } from './schemas';
import { pageOf, technologyView } from './views';

const HIDE = { projection: { ...HIDE_STORE_FIELDS, fieldOrders: 0, _id: 0 } };

export const catalogueRoutes = (deps: DemandDeps): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/technologies/:id',
    response: technologyView,
    summary: "One technology as demand's catalogue projection holds it",
    tags: ['catalogue'],
    params: idParams,
    handler: async ({ params }) => {
      const t = await deps.stores.catalogue.collection.findOne({ _id: params.id } as never, HIDE);
      if (!t) throw new NotFoundProblem(`technology ${params.id} is not in the catalogue`);
      return { body: t };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/technologies',
    response: pageOf(technologyView),
    summary: 'The technology catalogue projection, filtered by region, field and status',
    tags: ['catalogue'],
    query: technologyListQuery,
    handler: async ({ query }) => {
      const filter = {
        ...(query.region ? { region: query.region } : {}),
        ...(query.field ? { field: query.field } : {}),
        ...(query.status ? { status: query.status } : {}),
      };
      const page = await paginate(deps.stores.catalogue.collection, filter as never, query, {
        projection: { ...HIDE_STORE_FIELDS, fieldOrders: 0 },
      });
      return {
        body: {
          items: page.items.map(({ _id, ...rest }) => (void _id, rest)),
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/kpis',
    summary: 'Contract value by seller→buyer region, contracts and matches by status, counts',
    tags: ['kpis'],
    handler: async () => ({ body: await kpiReport(deps.stores) }),
  }),
];
