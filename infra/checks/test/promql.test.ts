import { PromQLSyntaxError, metricNamesInPromQL, unknownLabelsInPromQL } from '../src/promql';

describe('metricNamesInPromQL', () => {
  test('finds selector names and ignores functions, aggregations, grouping labels and strings', () => {
    const expr =
      'sum by (service, route) (rate(corridor_http_request_duration_seconds_count{status=~"5..",route="up"}[5m]))' +
      ' / ignoring(status) group_left sum by (service) (rate(corridor_http_request_duration_seconds_count[5m]))';
    expect(metricNamesInPromQL(expr)).toEqual(['corridor_http_request_duration_seconds_count']);
  });

  test('handles offset, unless/or, vector() and __name__ matchers', () => {
    const expr = 'a_total unless a_total offset 10m or {__name__="b_seconds", job="x"} or vector(0)';
    expect(metricNamesInPromQL(expr)).toEqual(['a_total', 'b_seconds']);
  });

  test('replaces Grafana interval macros and $__tags before parsing', () => {
    expect(metricNamesInPromQL('rate(x_total{service=~"$service"}[$__rate_interval])')).toEqual(['x_total']);
    expect(metricNamesInPromQL('increase(x_total[${__range}])')).toEqual(['x_total']);
    expect(metricNamesInPromQL('rate(y_count{$$__tags}[1m])')).toEqual(['y_count']);
  });

  test('rejects an expression that is not PromQL, naming the position', () => {
    expect(() => metricNamesInPromQL('sum by (service (rate(x[5m]))')).toThrow(PromQLSyntaxError);
  });
});

describe('unknownLabelsInPromQL', () => {
  const labels: Record<string, string[]> = {
    sales_fen: ['seller_region', 'buyer_region', 'service'],
    req_bucket: ['route', 'le', 'service'],
  };
  const labelsOf = (m: string) => labels[m];

  test('reports a matcher or a by-label the metrics do not carry', () => {
    expect(
      unknownLabelsInPromQL('sum by (seller_regoin) (sales_fen{buyer_region="CN-TJ",stauts="x"})', labelsOf),
    ).toEqual([
      'sum by (seller_regoin) (sales_fen{buyer_region="CN-TJ",stauts="x"}): no metric inside has label seller_regoin',
      'sales_fen has no label stauts',
    ]);
  });

  test('accepts labels of any metric inside the aggregation, and nested aggregations', () => {
    const expr = 'histogram_quantile(0.95, sum by (le, route) (rate(req_bucket{route=~"/x.*"}[5m])))';
    expect(unknownLabelsInPromQL(expr, labelsOf)).toEqual([]);
    expect(
      unknownLabelsInPromQL('sum by (service) (sum by (service, seller_region) (sales_fen))', labelsOf),
    ).toEqual([]);
  });

  test('does not judge metrics whose labels are unknown', () => {
    expect(
      unknownLabelsInPromQL('sum by (space) (nodejs_heap_space_size_used_bytes{space="old"})', labelsOf),
    ).toEqual([]);
  });
});
