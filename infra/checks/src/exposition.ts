import { metricNamesExpectedOnServices } from './sources';

/**
 * Sample names in a Prometheus text (or OpenMetrics) exposition, as scraped from /metrics:
 * every non-comment line starts with the series name, followed by `{labels}` or a space.
 */
export function seriesNamesInExposition(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (m?.[1]) names.add(m[1]);
  }
  return names;
}

/**
 * Metric names the dashboards and rules read that none of the given /metrics outputs contain
 * (pass the four services' outputs after driving traffic; empty means every panel and alert has
 * data to work on).
 */
export function namesMissingFromExpositions(
  expositions: string[],
  expected: string[] = metricNamesExpectedOnServices(),
): string[] {
  const seen = new Set(expositions.flatMap((t) => [...seriesNamesInExposition(t)]));
  return expected.filter((n) => !seen.has(n));
}
