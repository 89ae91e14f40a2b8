import { randomUUID } from 'node:crypto';
import {
  apiView,
  assertRegionWrite,
  canReadAllRegions,
  defineRoute,
  NotFoundProblem,
  type Principal,
  type RouteRegistry,
  type Aggregate,
  type Db,
} from '@corridor/service-kit';
import { type TechnologyCommands } from '../commands';
import type { Technology } from '../domain';
import { technologyKpis } from '../kpis';
import {
  createTechnologyBody,
  idParams,
  kpiView,
  listQuery,
  pilotResultBody,
  pocResultBody,
  technologyPage,
  technologyView,
  updateTechnologyBody,
  withdrawBody,
} from './schemas';

const TAGS = ['technologies'];
const WRITERS = ['agency-writer' as const, 'operator' as const];

/** Drafts are the owner's working copies: only their region's agencies and operators see them. */
function visible(p: Principal, t: Technology): boolean {
  return t.status !== 'draft' || canReadAllRegions(p) || t.region === p.region;
}

export interface RouteDeps {
  commands: TechnologyCommands;
  collection: () => ReturnType<Db['collection']>;
}

export function technologyRoutes(router: RouteRegistry, { commands, collection }: RouteDeps): void {
  async function load(id: string, p: Principal): Promise<Aggregate<Technology>> {
    const t = await commands.get(id);
    if (!t || !visible(p, t)) throw new NotFoundProblem(`technology ${id} does not exist`);
    return t;
  }

  /** Loads the technology and checks the caller may write for its region before anything changes. */
  async function writable(id: string, p: Principal, alsoRegion?: string): Promise<Aggregate<Technology>> {
    const t = await load(id, p);
    if (alsoRegion && alsoRegion !== t.region) {
      // A validation center's own agency may record its result for a technology of another region.
      try {
        assertRegionWrite(p, t.region);
      } catch {
        assertRegionWrite(p, alsoRegion);
      }
    } else {
      assertRegionWrite(p, t.region);
    }
    return t;
  }

  router.add(
    defineRoute({
      method: 'post',
      path: '/technologies',
      summary: 'Create a technology (科技成果) as a draft',
      tags: TAGS,
      roles: WRITERS,
      body: createTechnologyBody,
      response: technologyView,
      async handler({ body, principal }) {
        assertRegionWrite(principal, body.region);
        const { technology: t } = await commands.create(body);
        return { status: 201, body: apiView(t), headers: { Location: `/technologies/${t.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/technologies',
      summary: 'List technologies (cursor pagination; filters region, field, status, stage, keyword)',
      tags: TAGS,
      query: listQuery,
      response: technologyPage,
      async handler({ query, principal }) {
        const filter: Record<string, unknown> = {};
        if (query.region) filter.region = query.region;
        if (query.field) filter.field = query.field;
        if (query.status) filter.status = query.status;
        if (query.stage) filter.stage = query.stage;
        if (query.keyword) filter.keywords = query.keyword;
        if (!canReadAllRegions(principal)) {
          filter.$or = [{ status: { $ne: 'draft' } }, { region: principal.region }];
        }
        const page = await commands.list(filter, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
        return { body: { items: page.items.map(apiView), nextCursor: page.nextCursor ?? null } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/technologies/:id',
      summary: 'Get one technology',
      tags: TAGS,
      params: idParams,
      response: technologyView,
      async handler({ params, principal }) {
        return { body: apiView(await load(params.id, principal)) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/technologies/:id',
      summary: 'Edit a draft or published technology (a published one emits technology.updated)',
      tags: TAGS,
      roles: WRITERS,
      params: idParams,
      body: updateTechnologyBody,
      response: technologyView,
      async handler({ params, body, principal }) {
        await writable(params.id, principal);
        return { body: apiView((await commands.update(params.id, body)).technology) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/technologies/:id/publish',
      summary: 'Publish a draft: it becomes visible and is matched by demand',
      tags: TAGS,
      roles: WRITERS,
      params: idParams,
      status: 200,
      response: technologyView,
      async handler({ params, principal }) {
        await writable(params.id, principal);
        return { body: apiView((await commands.publish(params.id)).technology) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/technologies/:id/withdraw',
      summary: 'Withdraw a draft or published technology',
      tags: TAGS,
      roles: WRITERS,
      params: idParams,
      body: withdrawBody,
      status: 200,
      response: technologyView,
      async handler({ params, body, principal }) {
        await writable(params.id, principal);
        return { body: apiView((await commands.withdraw(params.id, body.reason)).technology) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/technologies/:id/poc-results',
      summary: 'Record a proof-of-concept (概念验证) result; a pass raises the TRL to at least 4',
      tags: TAGS,
      roles: WRITERS,
      params: idParams,
      body: pocResultBody,
      response: technologyView,
      async handler({ params, body, principal }) {
        await writable(params.id, principal, body.center.region);
        const { resultId, ...result } = body;
        const r = await commands.recordPoc(params.id, resultId ?? randomUUID(), result);
        return { status: 201, body: apiView(r.technology) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/technologies/:id/pilot-results',
      summary: 'Record a pilot / scale-up (中试) result; a pass raises the TRL to at least 7',
      tags: TAGS,
      roles: WRITERS,
      params: idParams,
      body: pilotResultBody,
      response: technologyView,
      async handler({ params, body, principal }) {
        await writable(params.id, principal, body.platform.region);
        const { resultId, platform, ...result } = body;
        const r = await commands.recordPilot(params.id, resultId ?? randomUUID(), { ...result, center: platform });
        return { status: 201, body: apiView(r.technology) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/kpis',
      summary: 'Technologies by region and status, by region and stage, and transfers by seller → buyer region',
      tags: ['kpis'],
      response: kpiView,
      async handler() {
        return { body: await technologyKpis(collection()) };
      },
    }),
  );
}
