import { PromQLSyntaxError, metricNamesInPromQL } from '../src/promql';

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
