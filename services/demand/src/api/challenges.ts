import { apiView, defineRoute, NotFoundProblem, paginate, type AnyRoute } from '@corridor/service-kit';
import { award, bid, cancel, postNewChallenge, race, review } from '../commands/challenges';
import type { DemandDeps } from '../commands/deps';
import { awardBody, bidBody, challengeListQuery, idParams, postChallengeBody, raceBody, reasonBody, reviewBody } from './schemas';
import { pageOf, challengeView } from './views';
import { httpMeta, regionWriter } from './http';

const tags = ['challenges'];
const roles = ['agency-writer' as const, 'operator' as const];

export const challengeRoutes = (deps: DemandDeps): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/challenges',
    response: challengeView,
    summary: 'Post an open challenge (揭榜挂帅) with a bounty and a staged horse race (赛马)',
    tags,
    roles,
    body: postChallengeBody,
    handler: async ({ body, principal }) => {
      const c = await postNewChallenge(deps, body, httpMeta(), regionWriter(principal));
      return { status: 201, body: apiView(c), headers: { Location: `/challenges/${c.challengeId}` } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/challenges/:id/bids',
    response: challengeView,
    summary: "Bid for a challenge (by the team's region)",
    tags,
    roles,
    params: idParams,
    body: bidBody,
    handler: async ({ params, body, principal }) => ({ status: 201, body: apiView(await bid(deps, params.id, body, httpMeta(), regionWriter(principal))) }),
  }),
  defineRoute({
    method: 'post',
    path: '/challenges/:id/race',
    response: challengeView,
    summary: 'Start the horse race: fund 2–3 bids, pass over the rest',
    tags,
    roles,
    params: idParams,
    body: raceBody,
    status: 200,
    handler: async ({ params, body, principal }) => ({ body: apiView(await race(deps, params.id, body.bidIds, httpMeta(), regionWriter(principal))) }),
  }),
  defineRoute({
    method: 'post',
    path: '/challenges/:id/reviews',
    response: challengeView,
    summary: 'Record the next staged review: advance or eliminate every racing bid',
    tags,
    roles,
    params: idParams,
    body: reviewBody,
    status: 200,
    handler: async ({ params, body, principal }) => ({
      body: apiView(await review(deps, params.id, body.decisions, httpMeta(), regionWriter(principal))),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/challenges/:id/award',
    response: challengeView,
    summary: 'Award the bounty to a bid still racing after the last review',
    tags,
    roles,
    params: idParams,
    body: awardBody,
    status: 200,
    handler: async ({ params, body, principal }) => ({ body: apiView(await award(deps, params.id, body.bidId, httpMeta(), regionWriter(principal))) }),
  }),
  defineRoute({
    method: 'post',
    path: '/challenges/:id/cancel',
    response: challengeView,
    summary: 'Cancel an open or racing challenge',
    tags,
    roles,
    params: idParams,
    body: reasonBody,
    status: 200,
    handler: async ({ params, body, principal }) => ({ body: apiView(await cancel(deps, params.id, body.reason, httpMeta(), regionWriter(principal))) }),
  }),
  defineRoute({
    method: 'get',
    path: '/challenges/:id',
    response: challengeView,
    summary: 'One challenge with its bids and reviews',
    tags,
    params: idParams,
    handler: async ({ params }) => {
      const c = await deps.stores.challenges.get(params.id);
      if (!c) throw new NotFoundProblem(`challenge ${params.id} does not exist`);
      return { body: apiView(c) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/challenges',
    response: pageOf(challengeView),
    summary: 'Challenges, filtered by region, field and status',
    tags,
    query: challengeListQuery,
    handler: async ({ query }) => {
      const filter = {
        ...(query.region ? { region: query.region } : {}),
        ...(query.field ? { field: query.field } : {}),
        ...(query.status ? { status: query.status } : {}),
      };
      const page = await paginate(deps.stores.challenges.collection, filter as never, query);
      return { body: { items: page.items.map(apiView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
    },
  }),
];
