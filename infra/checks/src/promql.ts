import { parser } from '@prometheus-io/lezer-promql';

export class PromQLSyntaxError extends Error {
  constructor(
    readonly expr: string,
    readonly position: number,
  ) {
    super(`PromQL syntax error at ${position} in: ${expr}`);
    this.name = 'PromQLSyntaxError';
  }
}

/**
 * Grafana replaces its variables before the query reaches Prometheus; stand-ins keep the
 * expression parseable. Interval macros become a duration and `$__tags` (trace-to-metrics
 * queries) expands to matchers, so it is dropped. Ordinary `$var` only appears inside quoted
 * label values in our queries, where the parser does not care.
 */
export function withGrafanaVariablesReplaced(expr: string): string {
  return expr.replace(/\$\$?__tags/g, '').replace(/\$\{?__(rate_interval|interval|range)(_ms|_s)?\}?/g, '5m');
}

/**
 * Metric names a PromQL expression reads: every vector selector's name, and `__name__`
 * equality matchers. Function names, aggregations, label names and keywords are not metrics.
 * Uses Prometheus' own grammar (lezer-promql) rather than a regular expression, so `by (x)`,
 * `offset`, `on()` and string contents can never be mistaken for metric names.
 */
export function metricNamesInPromQL(rawExpr: string): string[] {
  const expr = withGrafanaVariablesReplaced(rawExpr);
  const tree = parser.parse(expr);
  const names = new Set<string>();
  let errorAt = -1;
  tree.iterate({
    enter(node) {
      if (node.type.isError && errorAt < 0) errorAt = node.from;
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
        names.add(expr.slice(node.from, node.to));
      }
      if (node.name === 'UnquotedLabelMatcher') {
        const text = expr.slice(node.from, node.to);
        const m = /^__name__\s*=\s*"([^"]+)"$/.exec(text);
        if (m?.[1]) names.add(m[1]);
      }
    },
  });
  if (errorAt >= 0) throw new PromQLSyntaxError(rawExpr, errorAt);
  return [...names].sort();
}

/**
 * Label names an expression relies on that its metrics do not carry: matchers on a selector
 * (`{seller_regoin="CN-BJ"}`) and `by (...)` lists of an aggregation, checked against the labels of
 * the metrics inside that aggregation. A typo there yields an empty panel or an alert that never
 * fires, with no error anywhere, so it is worth catching here. `labelsOf` returns undefined for a
 * metric whose labels are not known (then nothing is checked for it).
 */
export function unknownLabelsInPromQL(
  rawExpr: string,
  labelsOf: (metric: string) => string[] | undefined,
): string[] {
  const expr = withGrafanaVariablesReplaced(rawExpr);
  const problems: string[] = [];
  const text = (n: { from: number; to: number }) => expr.slice(n.from, n.to);
  const tree = parser.parse(expr);
  tree.iterate({
    enter(ref) {
      if (ref.name === 'VectorSelector') {
        const id = ref.node.getChild('Identifier');
        const metric = id ? text(id) : undefined;
        const known = metric ? labelsOf(metric) : undefined;
        if (!metric || !known) return;
        const matchers = ref.node.getChild('LabelMatchers');
        for (const m of matchers?.getChildren('UnquotedLabelMatcher') ?? []) {
          const label = m.getChild('LabelName');
          if (label && !known.includes(text(label))) problems.push(`${metric} has no label ${text(label)}`);
        }
      }
      if (ref.name === 'AggregateExpr') {
        const modifier = ref.node.getChild('AggregateModifier');
        if (!modifier?.getChild('By')) return;
        const body = ref.node.getChild('FunctionCallBody');
        if (!body) return;
        const inside: string[] = [];
        let unknownInside = false;
        // Leaves overlapping the body's range are inside it (a leaf cannot straddle its end).
        tree.iterate({
          from: body.from,
          to: body.to,
          enter(inner) {
            if (inner.name !== 'Identifier' || inner.node.parent?.name !== 'VectorSelector') return;
            const labels = labelsOf(text(inner));
            if (labels) inside.push(...labels);
            else unknownInside = true;
          },
        });
        if (unknownInside || inside.length === 0) return;
        for (const label of modifier.getChild('GroupingLabels')?.getChildren('LabelName') ?? []) {
          if (!inside.includes(text(label)))
            problems.push(`${text(ref.node)}: no metric inside has label ${text(label)}`);
        }
      }
    },
  });
  return problems;
}
