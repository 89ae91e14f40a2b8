import { topicFor, type EventType, type RegionCode, type ServiceName } from '@corridor/contracts';
import { deadLetters, eventsConsumed, eventsFailed, handlerDuration } from '../metrics';
import type { KafkaSettings } from '../messaging/kafka/client';
import {
  runConsumer,
  type EventHandler,
  type IngestPolicy,
  type RunConsumerOptions,
  type RunningKafkaConsumer,
} from '../messaging/kafka/consumer';
import type { BaseConfig } from './config';
import { withEventScope } from './context';
import type { ServiceContext } from './service';

/** One consumer group of a service, as declared in createService({ consumers }); the kit fills in connections. */
export type ConsumerSpec = Omit<
  RunConsumerOptions,
  keyof KafkaSettings | 'service' | 'db' | 'logger' | 'publisher' | 'ingest'
> & {
  /** Owner of the DLQ (and, for ingest, the rejections topic); default: createService({ service }). */
  service?: ServiceName;
  /** `true`: the ingest policy comes from AGENCY_REGIONS and SERVICE_REGION; an object overrides parts of it. */
  ingest?: true | Partial<IngestPolicy>;
};

export type RunningConsumer = RunningKafkaConsumer;

function topicOfType(type: string, topics: readonly string[]): string | undefined {
  let catalogueTopic: string | undefined;
  try {
    catalogueTopic = topicFor(type as EventType);
  } catch {
    catalogueTopic = undefined;
  }
  // Tests prefix topic names, so a suffix match still identifies the catalogue topic.
  const match = catalogueTopic
    ? topics.find(
        (t) => t === catalogueTopic || t.endsWith(`.${catalogueTopic}`) || t.endsWith(catalogueTopic),
      )
    : undefined;
  return match ?? (topics.length === 1 ? topics[0] : undefined);
}

/**
 * Counters with labels only appear after their first increment; creating the zero series for the
 * declared handlers lets dashboards and alerts (rate(), absent()) see them from the first scrape.
 */
function initConsumerSeries(spec: ConsumerSpec): void {
  const consumer = spec.groupId;
  for (const type of Object.keys(spec.handlers)) {
    handlerDuration.zero({ type, consumer });
    const topic = topicOfType(type, spec.topics);
    if (!topic) continue;
    eventsConsumed.inc({ type, topic, consumer, outcome: 'processed' }, 0);
    eventsFailed.inc({ type, topic, consumer, reason: 'handler' }, 0);
  }
  for (const topic of spec.topics) deadLetters.inc({ consumer, topic, reason: 'handler' }, 0);
}

/**
 * Every handler of a service runs in the consumed event's scope: log lines carry its correlation
 * id, and events created with eventFactory continue its correlation and name it as their cause.
 * (runConsumer itself recognises domain refusals and labels the `process` span.)
 */
function inEventScope(handler: EventHandler): EventHandler {
  return (event, handlerCtx) => withEventScope(event, () => handler(event, handlerCtx));
}

export async function startConsumers<C extends BaseConfig>(
  specs: (ConsumerSpec & { service: ServiceName })[],
  ctx: ServiceContext<C>,
): Promise<RunningConsumer[]> {
  const running: RunningConsumer[] = [];
  try {
    for (const spec of specs) {
      const { ingest, service, ...rest } = spec;
      const ingestPolicy =
        ingest === undefined
          ? undefined
          : {
              agencyRegions: ctx.config.AGENCY_REGIONS,
              ...(ctx.config.SERVICE_REGION
                ? { serviceRegion: ctx.config.SERVICE_REGION as RegionCode }
                : {}),
              ...(ingest === true ? {} : ingest),
            };
      initConsumerSeries(spec);
      const handlers = Object.fromEntries(
        Object.entries(rest.handlers).map(([type, handler]): [string, EventHandler] => [type, inEventScope(handler)]),
      );
      running.push(
        await runConsumer({
          ...ctx.kafka,
          ...rest,
          handlers,
          service,
          db: ctx.db,
          logger: ctx.logger,
          publisher: ctx.publisher,
          ...(ingestPolicy ? { ingest: ingestPolicy } : {}),
        }),
      );
    }
  } catch (err) {
    await Promise.allSettled(running.map((c) => c.stop()));
    throw err;
  }
  return running;
}
