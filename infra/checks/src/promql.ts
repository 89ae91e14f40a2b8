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
  return expr
    .replace(/\$\$?__tags/g, '')
    .replace(/\$\{?__(rate_interval|interval|range)(_ms|_s)?\}?/g, '5m');
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
