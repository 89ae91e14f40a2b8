import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import {
  ContractViolation,
  createEvent,
  decodeEvent,
  dlqTopic as defaultDlqTopic,
  rejectionsTopic as defaultRejectionsTopic,
  regionCodeSchema,
  rejectionTypeFor,
  SERVICE_SOURCES,
  type CorridorEvent,
  type RegionCode,
  type ServiceName,
} from '@corridor/contracts';
import type { Span } from '@opentelemetry/api';
import { deadLetters, eventsConsumed, eventsFailed, handlerDuration } from '../../metrics';
import { backoffDelay, sleep } from '../backoff';
import { asPermanentError, errorMessage, isInfrastructureError, PermanentError } from '../errors';
import { fallbackLogger, type MessagingLogger } from '../logger';
import { mongoReachable, type Db } from '../mongo/connection';
import { Inbox } from '../mongo/inbox';
import { CORRELATION_SPAN_ATTRIBUTE, withBatchProcessSpan, withProcessSpan } from '../trace-context';
import { createKafka, type KafkaSettings } from './client';
import { headersToStrings, type DlqReason } from './headers';
import { startLagMonitor } from './lag';
import { EventPublisher } from './publisher';

export interface HandlerContext {
  topic: string;
  partition: number;
  offset: string;
  consumer: string;
  headers: Record<string, string>;
  span: Span;
  /** keep the group membership alive during long work */
  heartbeat(): Promise<void>;
}

/**
 * Handles one event. Resolving with `{ applied: false }` (what AggregateStore writes return for an
 * already-applied causation event) counts the delivery as a duplicate. Throw PermanentError (or any
 * error with `permanent: true`, see asPermanentError) when a domain rule refuses the event;
 * anything else is retried.
 */
export type EventHandler = (event: CorridorEvent, ctx: HandlerContext) => Promise<unknown>;

export interface BatchContext {
  topic: string;
  partition: number;
  consumer: string;
  heartbeat(): Promise<void>;
}

/** Handles consecutive events of one type together (e.g. one insertMany for a projection). */
export type BatchEventHandler = (events: CorridorEvent[], ctx: BatchContext) => Promise<unknown>;

export interface IngestPolicy {
  /** the service that owns the ingest topic: names the DLQ, the rejections topic and the rejection type */
  service: ServiceName;
  /** AGENCY_REGIONS: which regions a source `/agencies/<id>` may act for */
  agencyRegions: Record<string, readonly string[]>;
  /** region stamped on a rejection whose original claimed none usable (default: SERVICE_REGION or CN-BJ) */
  serviceRegion?: RegionCode;
}

export interface RetryOptions {
  /** handler attempts before dead-lettering (default 5) */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export interface RunConsumerOptions extends KafkaSettings {
  groupId: string;
  topics: string[];
  handlers: Record<string, EventHandler>;
  /**
   * Optional bulk handlers: consecutive records of one type in a fetched batch are handed over
   * together (at most `maxBatch`). When a bulk call fails with anything but an outage, those
   * records are handled one by one with `handlers[type]` (which must exist), so per-record retries
   * and dead letters still apply. Ignored on ingest consumers (authority and dedupe are per record).
   */
  batchHandlers?: Record<string, BatchEventHandler>;
  maxBatch?: number;
  /** owning service: its DLQ topic receives the dead letters */
  service: ServiceName;
  ingest?: Omit<IngestPolicy, 'service'> & { service?: ServiceName };
  /** database of the effects: probed to resume after an outage; ingest dedupe keeps its inbox there */
  db?: Db;
  retry?: Partial<RetryOptions>;
  /** while paused for an outage, how often to probe (default 1000 ms) */
  outageProbeMs?: number;
  /** overrides for tests (default: the catalogue's dlq/rejections topics of `service`) */
  dlqTopic?: string;
  rejectionsTopic?: string;
  /** producer for dead letters and rejections (default: one of its own) */
  publisher?: EventPublisher;
  /** a new group starts at the earliest offset (default true: projections replay history) */
  fromBeginning?: boolean;
  /** consumer lag gauge refresh (default 15000 ms, 0 = off) */
  lagIntervalMs?: number;
  sessionTimeoutMs?: number;
  logger?: MessagingLogger;
}

export interface RunningKafkaConsumer {
  /** resolves once the group has been joined the first time */
  readonly joined: Promise<void>;
  /** finishes the batch in hand, commits, leaves the group and disconnects */
  stop(): Promise<void>;
}

type Outcome = 'done' | 'outage';

interface Refusal {
  reason: DlqReason;
  reasonCode: 'invalid-envelope' | 'invalid-data' | 'region-forbidden' | 'rule-violated' | 'handler-failed';
  issues: { path: string; message: string }[];
  error: unknown;
}

export async function runConsumer(options: RunConsumerOptions): Promise<RunningKafkaConsumer> {
  const runner = new ConsumerRunner(options);
  await runner.start();
  return runner;
}

class ConsumerRunner implements RunningKafkaConsumer {
  private readonly logger: MessagingLogger;
  private readonly retry: RetryOptions;
  private readonly consumer: Consumer;
  private readonly publisher: EventPublisher;
  private readonly ownPublisher: boolean;
  private readonly dlqTopic: string;
  private readonly rejectionsTopic: string;
  private readonly inbox: Inbox | undefined;
  private readonly paused = new Set<string>();
  private readonly abort = new AbortController();
  private stopLag: (() => void) | undefined;
  private resolveJoined!: () => void;
  readonly joined = new Promise<void>((resolve) => (this.resolveJoined = resolve));

  constructor(private readonly options: RunConsumerOptions) {
    this.logger = options.logger ?? fallbackLogger;
    this.retry = { attempts: 5, baseMs: 200, maxMs: 5000, ...options.retry };
    this.dlqTopic = options.dlqTopic ?? defaultDlqTopic(options.service);
    const ingestService = options.ingest?.service ?? options.service;
    this.rejectionsTopic = options.rejectionsTopic ?? defaultRejectionsTopic(ingestService);
    this.ownPublisher = !options.publisher;
    this.publisher = options.publisher ?? new EventPublisher({ ...options, clientId: `${options.groupId}-dlq` });
    this.inbox = options.ingest && options.db ? new Inbox(options.db, options.groupId) : undefined;
    this.consumer = createKafka({ ...options, clientId: options.clientId ?? options.groupId }).consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3000,
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: Number.MAX_SAFE_INTEGER },
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.resolveJoined());
  }

  async start(): Promise<void> {
    await this.publisher.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    const lagMs = this.options.lagIntervalMs ?? 15_000;
    if (lagMs > 0) this.stopLag = startLagMonitor(this.options, this.options.groupId, this.options.topics, lagMs, this.logger);
  }

  async stop(): Promise<void> {
    this.stopLag?.();
    this.abort.abort();
    // kafkajs waits for the eachBatch in hand; the batch loop does not bail out on stop, so the
    // batch is finished and committed before the group is left.
    await this.consumer.disconnect();
    if (this.ownPublisher) await this.publisher.close();
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, pause, isStale } = payload;
    const key = `${batch.topic}/${batch.partition}`;
    if (this.paused.has(key)) return; // fetched before the pause took effect; re-fetched on resume
    const messages = batch.messages;
    let singleUntil = 0; // records of a failed bulk run are handled one by one, never re-bulked
    for (let i = 0; i < messages.length; ) {
      if (isStale()) break;
      const run = i >= singleUntil ? this.bulkRun(messages, i) : [];
      if (run.length > 1) {
        const outcome = await this.handleRun(batch.topic, batch.partition, run, heartbeat);
        if (outcome === 'outage') {
          this.pauseUntilHealthy(key, batch.topic, batch.partition, pause());
          break;
        }
        if (outcome === 'done') {
          resolveOffset(run[run.length - 1]!.message.offset);
          i += run.length;
          await heartbeat();
          continue;
        }
        singleUntil = i + run.length;
      }
      const outcome = await this.handleMessage(batch.topic, batch.partition, messages[i]!, heartbeat);
      if (outcome === 'outage') {
        this.pauseUntilHealthy(key, batch.topic, batch.partition, pause());
        break;
      }
      resolveOffset(messages[i]!.offset);
      i++;
      await heartbeat();
    }
    await commitOffsetsIfNecessary();
  }

  /** Consecutive valid records from `start` whose type has a bulk handler (same type throughout). */
  private bulkRun(messages: KafkaMessage[], start: number): { message: KafkaMessage; event: CorridorEvent }[] {
    const bulk = this.options.batchHandlers;
    if (!bulk || this.options.ingest) return [];
    const max = this.options.maxBatch ?? 500;
    const run: { message: KafkaMessage; event: CorridorEvent }[] = [];
    for (let i = start; i < messages.length && run.length < max; i++) {
      const message = messages[i]!;
      let event: CorridorEvent;
      try {
        event = decodeEvent({ key: message.key, value: message.value, headers: message.headers ?? {} });
      } catch {
        break;
      }
      if (!bulk[event.type] || (run.length > 0 && event.type !== run[0]!.event.type)) break;
      run.push({ message, event });
    }
    return run;
  }

  private async handleRun(
    topic: string,
    partition: number,
    run: { message: KafkaMessage; event: CorridorEvent }[],
    heartbeat: () => Promise<void>,
  ): Promise<Outcome | 'fallback'> {
    const consumer = this.options.groupId;
    const type = run[0]!.event.type;
    const started = process.hrtime.bigint();
    try {
      await withBatchProcessSpan(topic, run.map((r) => r.message.headers), { 'messaging.consumer.group.name': consumer, 'messaging.batch.message_count': run.length }, () =>
        this.options.batchHandlers![type]!(run.map((r) => r.event), { topic, partition, consumer, heartbeat }),
      );
    } catch (err) {
      if (isInfrastructureError(err)) return 'outage';
      this.logger.warn({ err: errorMessage(err), type, count: run.length }, 'bulk handler failed; handling the records one by one');
      return 'fallback';
    }
    const perEvent = Number(process.hrtime.bigint() - started) / 1e9 / run.length;
    for (let n = 0; n < run.length; n++) {
      handlerDuration.observe({ type, consumer }, perEvent);
      eventsConsumed.inc({ type, topic, consumer, outcome: 'processed' });
    }
    return 'done';
  }

  /** Infrastructure outages are not the record's fault: stop fetching, probe, carry on. */
  private pauseUntilHealthy(key: string, topic: string, partition: number, resume: () => void): void {
    this.paused.add(key);
    this.logger.warn({ topic, partition, consumer: this.options.groupId }, 'dependency unreachable; partition paused');
    void (async () => {
      for (let attempt = 1; !this.abort.signal.aborted; attempt++) {
        await sleep(Math.min(this.options.outageProbeMs ?? 1000, backoffDelay(attempt, { baseMs: 250, maxMs: 5000 })), this.abort.signal);
        if (!this.options.db || (await mongoReachable(this.options.db))) break;
        this.logger.debug({ topic, partition, attempt }, 'dependency still unreachable');
      }
      this.paused.delete(key);
      if (this.abort.signal.aborted) return;
      this.logger.info({ topic, partition, consumer: this.options.groupId }, 'dependency reachable again; partition resumed');
      resume();
    })();
  }

  private async handleMessage(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    const headers = headersToStrings(message.headers);
    const consumer = this.options.groupId;
    let event: CorridorEvent;
    try {
      event = decodeEvent({ key: message.key, value: message.value, headers: message.headers ?? {} });
    } catch (err) {
      const issues = err instanceof ContractViolation ? err.issues : [{ path: 'value', message: errorMessage(err) }];
      const reasonCode = issues.some((i) => i.path.startsWith('data')) ? 'invalid-data' : 'invalid-envelope';
      const type = headers.ce_type ?? 'unknown';
      eventsFailed.inc({ type, topic, consumer, reason: 'invalid' });
      await this.refuse(topic, partition, message, headers, undefined, { reason: 'invalid', reasonCode, issues, error: err });
      return 'done';
    }

    const handler = this.options.handlers[event.type];
    if (!handler) {
      eventsConsumed.inc({ type: event.type, topic, consumer, outcome: 'ignored' });
      return 'done';
    }

    if (this.options.ingest) {
      const issues = this.authorityIssues(event);
      if (issues.length > 0) {
        eventsFailed.inc({ type: event.type, topic, consumer, reason: 'rejected' });
        await this.refuse(topic, partition, message, headers, event, {
          reason: 'rejected',
          reasonCode: 'region-forbidden',
          issues,
          error: new PermanentError(issues[0]!.message),
        });
        return 'done';
      }
    }

    for (let attempt = 1; ; attempt++) {
      const timer = handlerDuration.startTimer({ type: event.type, consumer });
      try {
        if (this.inbox && (await this.inbox.has(event.id))) {
          eventsConsumed.inc({ type: event.type, topic, consumer, outcome: 'duplicate' });
          return 'done';
        }
        const result = await withProcessSpan(
          topic,
          message.headers,
          {
            'messaging.consumer.group.name': consumer,
            'messaging.destination.partition.id': String(partition),
            'messaging.kafka.offset': message.offset,
            'messaging.message.id': event.id,
            'cloudevents.event_type': event.type,
            [CORRELATION_SPAN_ATTRIBUTE]: event.correlationId,
          },
          (span) => handler(event, { topic, partition, offset: message.offset, consumer, headers, span, heartbeat }),
        );
        await this.inbox?.record(event.id);
        const duplicate = typeof result === 'object' && result !== null && (result as { applied?: unknown }).applied === false;
        eventsConsumed.inc({ type: event.type, topic, consumer, outcome: duplicate ? 'duplicate' : 'processed' });
        return 'done';
      } catch (err) {
        // By shape, like problemHandler over HTTP: domain code throws its own refusals without importing the kit.
        const permanent = asPermanentError(err);
        if (permanent) {
          eventsFailed.inc({ type: event.type, topic, consumer, reason: 'rejected' });
          const issues = permanent.reasons.map((r) => ({ path: r.path ?? 'data', message: r.message }));
          await this.refuse(topic, partition, message, headers, event, { reason: 'rejected', reasonCode: 'rule-violated', issues, error: err });
          return 'done';
        }
        if (isInfrastructureError(err)) return 'outage';
        eventsFailed.inc({ type: event.type, topic, consumer, reason: 'handler' });
        if (attempt >= this.retry.attempts) {
          this.logger.error({ err: errorMessage(err), type: event.type, id: event.id, attempt }, 'handler failed for good; dead-lettering');
          await this.refuse(topic, partition, message, headers, event, {
            reason: 'handler',
            reasonCode: 'handler-failed',
            issues: [{ path: 'data', message: errorMessage(err) }],
            error: err,
          });
          return 'done';
        }
        const delay = backoffDelay(attempt, this.retry);
        this.logger.warn({ err: errorMessage(err), type: event.type, id: event.id, attempt, retryInMs: delay }, 'handler failed; retrying');
        await sleepWithHeartbeat(delay, heartbeat);
      } finally {
        timer();
      }
    }
  }

  /** `/corridor/*` may act for any region; `/agencies/<id>` only for its AGENCY_REGIONS entry. */
  private authorityIssues(event: CorridorEvent): { path: string; message: string }[] {
    if (event.source.startsWith('/corridor/')) return [];
    const m = /^\/agencies\/([^/]+)$/.exec(event.source);
    if (!m) return [{ path: 'headers.ce_source', message: `source ${event.source} is neither /corridor/<service> nor /agencies/<id>` }];
    const regions = this.options.ingest?.agencyRegions[m[1]!];
    if (!regions) return [{ path: 'headers.ce_source', message: `agency ${m[1]} is not registered (AGENCY_REGIONS)` }];
    if (!regions.includes(event.region)) {
      return [{ path: 'headers.ce_region', message: `agency ${m[1]} may not act for region ${event.region} (allowed: ${regions.join(', ')})` }];
    }
    return [];
  }

  /** Dead-letters the raw record and, on an ingest consumer, tells the agency why. */
  private async refuse(
    topic: string,
    partition: number,
    message: KafkaMessage,
    headers: Record<string, string>,
    event: CorridorEvent | undefined,
    refusal: Refusal,
  ): Promise<void> {
    const consumer = this.options.groupId;
    const err = refusal.error instanceof Error ? refusal.error : new Error(String(refusal.error));
    const dlqHeaders: Record<string, string | Buffer> = {
      ...(message.headers as Record<string, string | Buffer>),
      dlq_reason: refusal.reason,
      dlq_error: refusal.issues.map((i) => `${i.path}: ${i.message}`).join('; ').slice(0, 4000),
      dlq_stack: (err.stack ?? '').slice(0, 8000),
      dlq_original_topic: topic,
      dlq_original_partition: String(partition),
      dlq_original_offset: message.offset,
      dlq_consumer: consumer,
      dlq_failed_at: new Date().toISOString(),
    };
    const [position] = await this.publisher.sendRecords([{ topic: this.dlqTopic, key: message.key, value: message.value, headers: dlqHeaders }]);
    deadLetters.inc({ consumer, topic, reason: refusal.reason });
    this.logger.warn({ topic, partition, offset: message.offset, reason: refusal.reason, error: dlqHeaders.dlq_error }, 'record dead-lettered');

    const ingest = this.options.ingest;
    if (!ingest) return;
    const originalId = event?.id ?? headers.ce_id;
    if (!originalId) return; // nothing the agency could correlate a rejection with
    const service = ingest.service ?? this.options.service;
    const claimed = regionCodeSchema.safeParse(event?.region ?? headers.ce_region);
    const agency = /^\/agencies\/([^/]+)$/.exec(event?.source ?? headers.ce_source ?? '')?.[1];
    const fallbackRegion = regionCodeSchema.safeParse(
      ingest.serviceRegion ?? (agency ? ingest.agencyRegions[agency]?.[0] : undefined) ?? process.env.SERVICE_REGION ?? 'CN-BJ',
    );
    const region = claimed.success ? claimed.data : fallbackRegion.success ? fallbackRegion.data : ('CN-BJ' as RegionCode);
    const rejection = createEvent(rejectionTypeFor(service), {
      source: SERVICE_SOURCES[service],
      subject: originalId,
      region,
      correlationId: event?.correlationId ?? headers.ce_correlationid ?? originalId,
      causationId: originalId,
      data: {
        originalId,
        originalType: event?.type ?? headers.ce_type ?? '',
        originalSource: event?.source ?? headers.ce_source ?? '',
        ...(event?.subject || headers.ce_subject ? { originalSubject: event?.subject ?? headers.ce_subject } : {}),
        ...(claimed.success ? { claimedRegion: claimed.data } : {}),
        reasonCode: refusal.reasonCode,
        reasons: refusal.issues.length > 0 ? refusal.issues : [{ path: 'value', message: errorMessage(err) }],
        ...(position ? { deadLetter: { topic: position.topic, partition: position.partition, offset: position.offset } } : {}),
        rejectedAt: new Date().toISOString(),
      } as never,
    });
    await this.publisher.publish([rejection], { topic: this.rejectionsTopic });
  }
}

async function sleepWithHeartbeat(ms: number, heartbeat: () => Promise<void>): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await sleep(Math.min(1000, until - Date.now()));
    await heartbeat();
  }
}
