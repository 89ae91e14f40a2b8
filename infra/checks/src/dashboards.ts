/**
 * The Grafana dashboards, as code. Panels share one shape (data source, legend, links), so they
 * are built here from short specs instead of hand-editing three large JSON files; the JSON in
 * infra/grafana/dashboards is the generated, provisioned artefact
 * (`npm run dashboards -w infra/checks`), and a test fails when it is out of date.
 */

export const PROMETHEUS = { type: 'prometheus', uid: 'corridor-prometheus' } as const;
export const JAEGER = { type: 'jaeger', uid: 'corridor-jaeger' } as const;

type Unit = 'reqps' | 'percentunit' | 's' | 'short' | 'ops' | 'bytes' | 'currencyCNY' | 'none';

interface Query {
  expr: string;
  legend: string;
  /** Instant query (bar gauges, tables, stats) instead of a range. */
  instant?: boolean;
  /** Ask Prometheus for exemplars: a dot per sampled request that opens its trace in Jaeger. */
  exemplar?: boolean;
}

interface PanelSpec {
  title: string;
  description: string;
  type: 'timeseries' | 'stat' | 'bargauge' | 'table';
  unit: Unit;
  queries: Query[];
  width?: number;
  height?: number;
  /** A red threshold line / colour at this value. */
  threshold?: number;
  max?: number;
  links?: { title: string; url: string }[];
  stack?: boolean;
  /** Value → text and colour, e.g. 0/1 of `up`. */
  valueText?: Record<string, { text: string; color: string }>;
}

interface RowSpec {
  title: string;
  panels: PanelSpec[];
}

interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  rows: RowSpec[];
  serviceVariable?: boolean;
  extraVariables?: unknown[];
}

const JAEGER_UI_DEFAULT = 'http://localhost:16686';
/** Jaeger's search takes microseconds; Grafana's ${__from}/${__to} are milliseconds. */
const JAEGER_TIME = 'start=${__from}000&end=${__to}000';
const tracesOfService = (extra = ''): { title: string; url: string } => ({
  title: extra
    ? 'Failed traces of ${__field.labels.service} in Jaeger'
    : 'Traces of ${__field.labels.service} in Jaeger',
  url: '${jaeger_ui}/search?service=${__field.labels.service}&' + JAEGER_TIME + extra + '&limit=50',
});
const ERROR_TAG = '&tags=' + encodeURIComponent('{"error":"true"}');

const SVC = 'service=~"$service"';
/** Prometheus scrapes and health probes are not traffic; they would swamp a quiet service's panels. */
const TRAFFIC = `${SVC},route!~"/metrics|/healthz|/readyz"`;
const rate = (selector: string) => `rate(${selector}[$__rate_interval])`;

function panel(spec: PanelSpec, id: number, gridPos: { x: number; y: number; w: number; h: number }) {
  const thresholds = {
    mode: 'absolute',
    steps: [
      { color: 'green', value: null },
      ...(spec.threshold === undefined ? [] : [{ color: 'red', value: spec.threshold }]),
    ],
  };
  const custom =
    spec.type === 'timeseries'
      ? {
          drawStyle: 'line',
          lineWidth: 1,
          fillOpacity: spec.stack ? 30 : 10,
          showPoints: 'never',
          spanNulls: false,
          stacking: { mode: spec.stack ? 'normal' : 'none', group: 'A' },
          thresholdsStyle: { mode: spec.threshold === undefined ? 'off' : 'line' },
        }
      : {};
  const options =
    spec.type === 'timeseries'
      ? {
          legend: { displayMode: 'table', placement: 'bottom', calcs: ['lastNotNull', 'max'] },
          tooltip: { mode: 'multi', sort: 'desc' },
        }
      : spec.type === 'bargauge'
        ? {
            orientation: 'horizontal',
            displayMode: 'gradient',
            showUnfilled: true,
            reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
          }
        : spec.type === 'stat'
          ? {
              colorMode: 'background',
              graphMode: 'none',
              textMode: 'value_and_name',
              reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
            }
          : { showHeader: true, cellHeight: 'sm' };
  return {
    id,
    type: spec.type,
    title: spec.title,
    description: spec.description,
    datasource: PROMETHEUS,
    gridPos,
    fieldConfig: {
      defaults: {
        unit: spec.unit,
        ...(spec.max === undefined ? {} : { min: 0, max: spec.max }),
        thresholds,
        color: {
          mode: spec.threshold === undefined && spec.type !== 'stat' ? 'palette-classic' : 'thresholds',
        },
        custom,
        links: (spec.links ?? []).map((l) => ({ ...l, targetBlank: true })),
        mappings: spec.valueText ? [{ type: 'value', options: spec.valueText }] : [],
      },
      overrides: [],
    },
    options,
    targets: spec.queries.map((q, i) => ({
      refId: String.fromCharCode(65 + i),
      datasource: PROMETHEUS,
      expr: q.expr,
      legendFormat: q.legend,
      range: !q.instant,
      instant: Boolean(q.instant),
      ...(q.instant && spec.type === 'table' ? { format: 'table' } : {}),
      exemplar: Boolean(q.exemplar),
    })),
  };
}

function layout(rows: RowSpec[]) {
  const panels: unknown[] = [];
  let id = 1;
  let y = 0;
  for (const row of rows) {
    panels.push({
      id: id++,
      type: 'row',
      title: row.title,
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
      panels: [],
    });
    y += 1;
    let x = 0;
    let rowHeight = 0;
    for (const spec of row.panels) {
      const w = spec.width ?? 12;
      const h = spec.height ?? 8;
      if (x + w > 24) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      panels.push(panel(spec, id++, { x, y, w, h }));
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    y += rowHeight;
  }
  return panels;
}

function dashboard(spec: DashboardSpec) {
  const variables: unknown[] = [];
  if (spec.serviceVariable) {
    variables.push({
      name: 'service',
      label: 'Service',
      type: 'query',
      datasource: PROMETHEUS,
      query: { query: 'label_values(up{job="corridor-services"}, service)', refId: 'service' },
      definition: 'label_values(up{job="corridor-services"}, service)',
      refresh: 2,
      multi: true,
      includeAll: true,
      current: { text: ['All'], value: ['$__all'] },
      sort: 1,
    });
  }
  variables.push(...(spec.extraVariables ?? []));
  variables.push({
    name: 'jaeger_ui',
    label: 'Jaeger UI',
    description: "Base URL of Jaeger's UI as the browser reaches it (trace links)",
    type: 'textbox',
    query: JAEGER_UI_DEFAULT,
    current: { text: JAEGER_UI_DEFAULT, value: JAEGER_UI_DEFAULT },
    hide: 0,
  });
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: ['corridor'],
    timezone: 'browser',
    editable: false,
    graphTooltip: 1,
    refresh: '30s',
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-1h', to: 'now' },
    links: [
      {
        type: 'dashboards',
        tags: ['corridor'],
        title: 'Corridor',
        asDropdown: false,
        includeVars: true,
        keepTime: true,
      },
      {
        type: 'link',
        title: 'Jaeger (traces)',
        url: '${jaeger_ui}/search',
        targetBlank: true,
        icon: 'external link',
      },
    ],
    annotations: {
      list: [
        {
          name: 'Corridor alerts',
          datasource: PROMETHEUS,
          enable: true,
          iconColor: 'red',
          expr: 'ALERTS{alertname=~"Corridor.*",alertstate="firing"}',
          titleFormat: '{{alertname}}',
          textFormat: '{{service}}',
          useValueForTime: false,
          step: '60s',
        },
      ],
    },
    templating: { list: variables },
    panels: layout(spec.rows),
  };
}

const services = dashboard({
  uid: 'corridor-services',
  title: 'Corridor / Services',
  description:
    'HTTP traffic, errors and latency per service and route; process health. Click a series to open its traces in Jaeger.',
  serviceVariable: true,
  rows: [
    {
      title: 'Availability',
      panels: [
        {
          title: 'Up',
          description:
            'Whether Prometheus can scrape the service (alert CorridorServiceDown after 1 minute down).',
          type: 'stat',
          unit: 'none',
          width: 24,
          height: 4,
          queries: [{ expr: `up{job="corridor-services",${SVC}}`, legend: '{{service}}', instant: true }],
          valueText: { '0': { text: 'DOWN', color: 'red' }, '1': { text: 'UP', color: 'green' } },
        },
      ],
    },
    {
      title: 'HTTP',
      panels: [
        {
          title: 'Request rate by route',
          description: 'Requests per second by service, method and route template.',
          type: 'timeseries',
          unit: 'reqps',
          queries: [
            {
              expr: `sum by (service, method, route) (${rate(`corridor_http_request_duration_seconds_count{${TRAFFIC}}`)})`,
              legend: '{{service}} {{method}} {{route}}',
            },
          ],
          links: [tracesOfService()],
        },
        {
          title: '5xx error ratio by route',
          description:
            'Share of requests answered 5xx (alert CorridorHighErrorRate above 5% per service for 5 minutes).',
          type: 'timeseries',
          unit: 'percentunit',
          threshold: 0.05,
          queries: [
            {
              expr:
                `sum by (service, route) (${rate(`corridor_http_request_duration_seconds_count{${TRAFFIC},status=~"5.."}`)})` +
                ` / sum by (service, route) (${rate(`corridor_http_request_duration_seconds_count{${TRAFFIC}}`)})`,
              legend: '{{service}} {{route}}',
            },
          ],
          links: [tracesOfService(ERROR_TAG)],
        },
        {
          title: 'Responses by status',
          description:
            'Responses per second by status code: 4xx are problem+json answers to bad input, 5xx are our failures.',
          type: 'timeseries',
          unit: 'reqps',
          stack: true,
          queries: [
            {
              expr: `sum by (service, status) (${rate(`corridor_http_request_duration_seconds_count{${TRAFFIC}}`)})`,
              legend: '{{service}} {{status}}',
            },
          ],
        },
        {
          title: 'Latency p95 by route',
          description:
            '95th percentile request duration by route. Dots are exemplars: click one to open that request in Jaeger.',
          type: 'timeseries',
          unit: 's',
          queries: [
            {
              expr: `histogram_quantile(0.95, sum by (le, service, route) (${rate(`corridor_http_request_duration_seconds_bucket{${TRAFFIC}}`)}))`,
              legend: '{{service}} {{route}}',
              exemplar: true,
            },
          ],
          links: [tracesOfService()],
        },
        {
          title: 'Latency p50 / p99 by service',
          description: 'Median and 99th percentile request duration per service.',
          type: 'timeseries',
          unit: 's',
          width: 24,
          queries: [
            {
              expr: `histogram_quantile(0.5, sum by (le, service) (${rate(`corridor_http_request_duration_seconds_bucket{${TRAFFIC}}`)}))`,
              legend: '{{service}} p50',
            },
            {
              expr: `histogram_quantile(0.99, sum by (le, service) (${rate(`corridor_http_request_duration_seconds_bucket{${TRAFFIC}}`)}))`,
              legend: '{{service}} p99',
            },
          ],
        },
      ],
    },
    {
      title: 'Process',
      panels: [
        {
          title: 'CPU',
          description: 'CPU seconds per second used by the Node.js process.',
          type: 'timeseries',
          unit: 'percentunit',
          width: 8,
          queries: [
            {
              expr: `sum by (service) (${rate(`process_cpu_seconds_total{${SVC}}`)})`,
              legend: '{{service}}',
            },
          ],
        },
        {
          title: 'Resident memory',
          description: 'Resident set size; compare with the container memory limit (SERVICE_MEM_LIMIT).',
          type: 'timeseries',
          unit: 'bytes',
          width: 8,
          queries: [{ expr: `process_resident_memory_bytes{${SVC}}`, legend: '{{service}}' }],
        },
        {
          title: 'Event loop lag p99',
          description: 'A busy event loop delays every request and Kafka heartbeat alike.',
          type: 'timeseries',
          unit: 's',
          width: 8,
          queries: [{ expr: `nodejs_eventloop_lag_p99_seconds{${SVC}}`, legend: '{{service}}' }],
        },
      ],
    },
  ],
});

const eventFlow = dashboard({
  uid: 'corridor-event-flow',
  title: 'Corridor / Event flow',
  description:
    'Events produced, consumed and failed by type; consumer lag; outbox backlog and age; dead letters.',
  serviceVariable: true,
  rows: [
    {
      title: 'Throughput',
      panels: [
        {
          title: 'Produced by event type',
          description:
            'Events acknowledged by Kafka per second (outbox relay and direct publishes such as rejections).',
          type: 'timeseries',
          unit: 'ops',
          queries: [
            { expr: `sum by (type) (${rate(`corridor_events_produced_total{${SVC}}`)})`, legend: '{{type}}' },
          ],
        },
        {
          title: 'Consumed by event type and outcome',
          description:
            'Events finished per second: processed, duplicate (already applied, skipped) or ignored (not for this consumer).',
          type: 'timeseries',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (consumer, type, outcome) (${rate(`corridor_events_consumed_total{${SVC}}`)})`,
              legend: '{{consumer}} {{type}} {{outcome}}',
            },
          ],
          links: [tracesOfService()],
        },
        {
          title: 'Failed by event type and reason',
          description:
            'invalid: envelope/data broke the contract (DLQ at once); rejected: a domain rule refused it (DLQ + rejection); handler: an error, counted per attempt before retry.',
          type: 'timeseries',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (service, consumer, type, reason) (${rate(`corridor_events_failed_total{${SVC}}`)})`,
              legend: '{{consumer}} {{type}} {{reason}}',
            },
          ],
          links: [tracesOfService(ERROR_TAG)],
        },
        {
          title: 'Handler duration p95 by event type',
          description:
            '95th percentile time in a handler including its MongoDB writes. Dots are exemplars linking to the trace.',
          type: 'timeseries',
          unit: 's',
          queries: [
            {
              expr: `histogram_quantile(0.95, sum by (le, consumer, type) (${rate(`corridor_event_handler_duration_seconds_bucket{${SVC}}`)}))`,
              legend: '{{consumer}} {{type}}',
              exemplar: true,
            },
          ],
        },
      ],
    },
    {
      title: 'Backlogs',
      panels: [
        {
          title: 'Consumer lag',
          description:
            "Messages between each group's committed offset and the high watermark (alert CorridorConsumerLagGrowing: >100 and rising for 10 minutes).",
          type: 'timeseries',
          unit: 'short',
          width: 24,
          threshold: 100,
          queries: [
            {
              expr: `sum by (service, consumer, topic) (corridor_consumer_lag_messages{${SVC}})`,
              legend: '{{consumer}} ← {{topic}}',
            },
          ],
        },
        {
          title: 'Outbox backlog',
          description: 'Events committed with their aggregate but not yet acknowledged by Kafka.',
          type: 'timeseries',
          unit: 'short',
          queries: [
            {
              expr: `sum by (service, collection) (corridor_outbox_backlog_events{${SVC}})`,
              legend: '{{service}} {{collection}}',
            },
          ],
        },
        {
          title: 'Outbox oldest event age',
          description:
            'Age of the oldest unpublished event (alert CorridorOutboxStale above 60 s for 2 minutes).',
          type: 'timeseries',
          unit: 's',
          threshold: 60,
          queries: [
            {
              expr: `max by (service, collection) (corridor_outbox_oldest_age_seconds{${SVC}})`,
              legend: '{{service}} {{collection}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Dead letters',
      panels: [
        {
          title: 'Dead-lettered in range',
          description:
            'Records moved to corridor.<svc>.dlq.v1 during the selected time range. Inspect and re-drive: docs/OPERATING.md.',
          type: 'stat',
          unit: 'short',
          width: 6,
          threshold: 1,
          queries: [
            {
              expr: `sum(increase(corridor_dlq_events_total{${SVC}}[$__range])) or vector(0)`,
              legend: 'dead letters',
              instant: true,
            },
          ],
        },
        {
          title: 'Dead letters by consumer, topic and reason',
          description:
            'Records sent to the dead-letter topic per second (alert CorridorDeadLettersReceived).',
          type: 'timeseries',
          unit: 'ops',
          width: 18,
          queries: [
            {
              expr: `sum by (service, consumer, topic, reason) (${rate(`corridor_dlq_events_total{${SVC}}`)})`,
              legend: '{{service}} {{consumer}} {{topic}} {{reason}}',
            },
          ],
          links: [tracesOfService(ERROR_TAG)],
        },
      ],
    },
  ],
});

const crossRegion = dashboard({
  uid: 'corridor-cross-region',
  title: 'Corridor / Cross-region',
  description:
    "Where technology goes: contract value seller → buyer region, settlements by park and origin region, fund leverage and 返投 (reinvestment) progress. Values are computed from the services' databases at scrape time.",
  extraVariables: [
    {
      name: 'contract_status',
      label: 'Contract status',
      type: 'query',
      datasource: PROMETHEUS,
      query: { query: 'label_values(corridor_contract_value_fen, status)', refId: 'contract_status' },
      definition: 'label_values(corridor_contract_value_fen, status)',
      refresh: 2,
      multi: true,
      includeAll: true,
      current: { text: ['All'], value: ['$__all'] },
      sort: 1,
    },
  ],
  rows: [
    {
      title: 'Contracts and matches',
      panels: [
        {
          title: 'Contract value by seller → buyer region',
          description: 'Sum of contract value (yuan; stored as integer fen) by seller region → buyer region.',
          type: 'bargauge',
          unit: 'currencyCNY',
          height: 10,
          queries: [
            {
              expr: 'sum by (seller_region, buyer_region) (corridor_contract_value_fen{status=~"$contract_status"}) / 100',
              legend: '{{seller_region}} → {{buyer_region}}',
              instant: true,
            },
          ],
        },
        {
          title: 'Contracts by seller → buyer region',
          description: 'Number of contracts by seller region → buyer region and status.',
          type: 'table',
          unit: 'short',
          height: 10,
          queries: [
            {
              expr: 'sum by (seller_region, buyer_region, status) (corridor_contracts{status=~"$contract_status"})',
              legend: '',
              instant: true,
            },
          ],
        },
        {
          title: 'Contract value over time',
          description: 'Contract value (yuan) by buyer region, stacked.',
          type: 'timeseries',
          unit: 'currencyCNY',
          stack: true,
          queries: [
            {
              expr: 'sum by (buyer_region) (corridor_contract_value_fen{status=~"$contract_status"}) / 100',
              legend: '{{buyer_region}}',
            },
          ],
        },
        {
          title: 'Matches by cross-region and status',
          description:
            'Supply–demand matches; cross_region="true" when technology and demand are in different regions.',
          type: 'bargauge',
          unit: 'short',
          queries: [
            {
              expr: 'sum by (cross_region, status) (corridor_matches)',
              legend: 'cross-region={{cross_region}} {{status}}',
              instant: true,
            },
          ],
        },
        {
          title: 'Technologies by region and status',
          description: 'Published technologies per region and lifecycle status.',
          type: 'bargauge',
          unit: 'short',
          width: 24,
          queries: [
            {
              expr: 'sum by (region, status) (corridor_technologies)',
              legend: '{{region}} {{status}}',
              instant: true,
            },
          ],
        },
      ],
    },
    {
      title: 'Landing in parks',
      panels: [
        {
          title: 'Settlements by park region and origin region',
          description:
            "Enterprises settled in a park, by the park's region and the region the technology came from.",
          type: 'table',
          unit: 'short',
          queries: [
            { expr: 'sum by (park_region, origin_region) (corridor_settlements)', legend: '', instant: true },
          ],
        },
        {
          title: 'Park occupancy',
          description: "Occupied share of each park's capacity.",
          type: 'bargauge',
          unit: 'percentunit',
          max: 1,
          queries: [
            {
              expr: 'max by (park_id, region) (corridor_park_occupancy_ratio)',
              legend: '{{region}} {{park_id}}',
              instant: true,
            },
          ],
        },
      ],
    },
    {
      title: 'Funds',
      panels: [
        {
          title: 'Fund leverage',
          description:
            "Fund size ÷ government commitment: how much money the government's contribution brings in.",
          type: 'bargauge',
          unit: 'short',
          queries: [
            {
              expr: 'max by (fund_id, region) (corridor_fund_leverage_ratio)',
              legend: '{{region}} {{fund_id}}',
              instant: true,
            },
          ],
        },
        {
          title: '返投 (reinvestment) progress',
          description:
            "Share of the 返投 requirement met so far by investments into enterprises settled in the fund's region (1 = met).",
          type: 'bargauge',
          unit: 'percentunit',
          max: 1,
          threshold: 1,
          queries: [
            {
              expr: 'max by (fund_id, region) (corridor_fund_reinvestment_progress_ratio)',
              legend: '{{region}} {{fund_id}}',
              instant: true,
            },
          ],
        },
        {
          title: 'Invested by region and instrument',
          description:
            "Amount invested (yuan), by the fund's region and instrument (equity, grant-to-equity 拨投结合, 先投后股).",
          type: 'bargauge',
          unit: 'currencyCNY',
          queries: [
            {
              expr: 'sum by (region, instrument) (corridor_fund_invested_fen) / 100',
              legend: '{{region}} {{instrument}}',
              instant: true,
            },
          ],
        },
        {
          title: 'Risk-compensation pool balance',
          description: 'Balance of each loan risk-compensation pool (yuan).',
          type: 'bargauge',
          unit: 'currencyCNY',
          queries: [
            {
              expr: 'max by (pool_id, region) (corridor_pool_balance_fen) / 100',
              legend: '{{region}} {{pool_id}}',
              instant: true,
            },
          ],
        },
      ],
    },
  ],
});

/** File name (in infra/grafana/dashboards) → dashboard model. */
export function renderDashboards(): Record<string, unknown> {
  return {
    'corridor-services.json': services,
    'corridor-event-flow.json': eventFlow,
    'corridor-cross-region.json': crossRegion,
  };
}

export function dashboardJson(model: unknown): string {
  return JSON.stringify(model, null, 2) + '\n';
}
