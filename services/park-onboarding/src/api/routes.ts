import {
  type Aggregate,
  apiView,
  assertRegionWrite,
  type Db,
  defineRoute,
  NotFoundProblem,
  type Principal,
  type RouteRegistry,
} from '@corridor/service-kit';
import { type OnboardingCommands } from '../commands';
import type { Application } from '../domain';
import { onboardingKpis } from '../kpis';
import {
  applicationListQuery,
  applicationPage,
  applicationView,
  idParams,
  kpiQuery,
  kpiView,
  parkListQuery,
  parkPage,
  parkView,
  registerBody,
  registerParkBody,
  rejectBody,
  settleBody,
  submitApplicationBody,
  withdrawBody,
} from './schemas';

const WRITERS = ['agency-writer' as const, 'operator' as const];

export interface RouteDeps {
  commands: OnboardingCommands;
  db: () => Db;
}

export function onboardingRoutes(router: RouteRegistry, { commands, db }: RouteDeps): void {
  /** Applications are decided by the park's region: its agency (or an operator) moves them on. */
  async function writable(id: string, p: Principal): Promise<Aggregate<Application>> {
    const a = await commands.applications.get(id);
    if (!a) throw new NotFoundProblem(`application ${id} does not exist`);
    assertRegionWrite(p, a.parkRegion);
    return a;
  }

  const transition = (
    action: string,
    summary: string,
    run: (id: string, body: never) => Promise<{ application: Aggregate<Application> }>,
    body?: typeof rejectBody | typeof withdrawBody | typeof registerBody | typeof settleBody,
  ) =>
    defineRoute({
      method: 'post',
      path: `/applications/:id/${action}`,
      summary,
      tags: ['applications'],
      roles: WRITERS,
      params: idParams,
      ...(body ? { body } : {}),
      status: 200,
      response: applicationView,
      async handler({ params, body: input, principal }) {
        await writable(params.id, principal);
        const { application } = await run(params.id, (input ?? {}) as never);
        return { body: apiView(application) };
      },
    });

  router.add(
    defineRoute({
      method: 'post',
      path: '/parks',
      summary: 'Register a park or carrier (科技园, 孵化器, 加速器, 众创空间, 中试基地, 概念验证中心)',
      tags: ['parks'],
      roles: WRITERS,
      body: registerParkBody,
      response: parkView,
      async handler({ body, principal }) {
        assertRegionWrite(principal, body.region);
        const park = await commands.registerPark(body);
        return { status: 201, body: apiView(park), headers: { Location: `/parks/${park.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/parks',
      summary: 'List parks (cursor pagination; filters region, field, kind)',
      tags: ['parks'],
      query: parkListQuery,
      response: parkPage,
      async handler({ query }) {
        const filter: Record<string, unknown> = {};
        if (query.region) filter.region = query.region;
        if (query.field) filter.focusFields = query.field;
        if (query.kind) filter.kind = query.kind;
        const page = await commands.parks.list(filter, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
        return { body: { items: page.items.map(apiView), nextCursor: page.nextCursor ?? null } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/parks/:id',
      summary: 'Get one park with the applications holding its places',
      tags: ['parks'],
      params: idParams,
      response: parkView,
      async handler({ params }) {
        const park = await commands.parks.get(params.id);
        if (!park) throw new NotFoundProblem(`park ${params.id} does not exist`);
        return { body: apiView(park) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/applications',
      summary: 'Apply to settle in a park: relocation, branch, spin-off or landing of a signed contract',
      tags: ['applications'],
      roles: WRITERS,
      body: submitApplicationBody,
      response: applicationView,
      async handler({ body, principal }) {
        const park = await commands.parks.get(body.parkId);
        if (!park) throw new NotFoundProblem(`park ${body.parkId} does not exist`);
        assertRegionWrite(principal, park.region);
        const { application } = await commands.submit(body);
        return { status: 201, body: apiView(application), headers: { Location: `/applications/${application.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/applications',
      summary: 'List applications (cursor pagination; filters park region, origin region, park, status, kind)',
      tags: ['applications'],
      query: applicationListQuery,
      response: applicationPage,
      async handler({ query }) {
        const filter: Record<string, unknown> = {};
        if (query.region) filter.parkRegion = query.region;
        if (query.originRegion) filter['enterprise.originRegion'] = query.originRegion;
        if (query.parkId) filter.parkId = query.parkId;
        if (query.status) filter.status = query.status;
        if (query.kind) filter.kind = query.kind;
        const page = await commands.applications.list(filter, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
        return { body: { items: page.items.map(apiView), nextCursor: page.nextCursor ?? null } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/applications/:id',
      summary: 'Get one application',
      tags: ['applications'],
      params: idParams,
      response: applicationView,
      async handler({ params }) {
        const a = await commands.applications.get(params.id);
        if (!a) throw new NotFoundProblem(`application ${params.id} does not exist`);
        return { body: apiView(a) };
      },
    }),
    transition('review', 'Start reviewing a submitted application', (id) => commands.review(id)),
    transition('approve', 'Approve: takes one of the park\'s places; refused (422) when the park is full', (id) => commands.approve(id)),
    transition(
      'reject',
      'Reject a submitted or reviewed application',
      (id, b: { reasonCode: 'capacity-full' | 'field-mismatch' | 'incomplete' | 'other'; reason: string }) =>
        commands.reject(id, b.reasonCode, b.reason),
      rejectBody,
    ),
    transition('withdraw', 'The enterprise withdraws (gives back its place when approved)', (id, b: { reason?: string }) => commands.withdraw(id, b.reason), withdrawBody),
    transition(
      'register',
      'Record the new local registration (统一社会信用代码) in the park region',
      (id, b: { name: string; creditCode: string; registeredAt?: string }) =>
        commands.register(id, { name: b.name, creditCode: b.creditCode }, b.registeredAt),
      registerBody,
    ),
    transition('settle', 'The registered enterprise moved in: counts as settled with its origin region', (id, b: { settledAt?: string }) => commands.settle(id, b.settledAt), settleBody),
    defineRoute({
      method: 'get',
      path: '/kpis',
      summary: 'Settlements by park region × origin region (and per park), park occupancy, applications by status',
      tags: ['kpis'],
      query: kpiQuery,
      response: kpiView,
      async handler({ query }) {
        return { body: await onboardingKpis(db(), { ...(query.parkId ? { parkId: query.parkId } : {}), ...(query.region ? { region: query.region } : {}) }) };
      },
    }),
  );
}
