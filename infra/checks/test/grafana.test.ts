import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { dashboardJson, renderDashboards } from '../src/dashboards';
import { paths } from '../src/paths';
import { allPanels, dashboardFiles, datasources, filesIn, readDashboard, readYaml } from '../src/sources';

/** Every `{ uid }` a dashboard refers to as a data source, wherever it sits in the JSON. */
function datasourceUids(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => datasourceUids(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'datasource' && value && typeof value === 'object' && 'uid' in value)
        found.add(String(value.uid));
      else datasourceUids(value, found);
    }
  }
  return found;
}

describe('Grafana provisioning and dashboards', () => {
  const files = dashboardFiles();

  test('the three dashboards exist and are valid JSON with unique uids', () => {
    expect(files.map((f) => path.basename(f))).toEqual([
      'corridor-cross-region.json',
      'corridor-event-flow.json',
      'corridor-services.json',
    ]);
    const uids = files.map((f) => readDashboard(f).uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  test('the JSON files are exactly what the generator produces (run `npm run dashboards -w infra/checks`)', () => {
    const rendered = renderDashboards();
    expect(Object.keys(rendered).sort()).toEqual(files.map((f) => path.basename(f)));
    // Compared as data, not text, so a formatter run over the repository does not break it.
    for (const [file, model] of Object.entries(rendered)) {
      expect(JSON.parse(readFileSync(path.join(paths.grafanaDashboards, file), 'utf8'))).toEqual(
        JSON.parse(dashboardJson(model)),
      );
    }
  });

  test('every data source uid used by a dashboard is provisioned, with the matching type', () => {
    const provisioned = new Map(datasources().map((d) => [d.uid, d.type]));
    expect(provisioned.get('corridor-prometheus')).toBe('prometheus');
    expect(provisioned.get('corridor-jaeger')).toBe('jaeger');
    for (const file of files) {
      const used = [...datasourceUids(readDashboard(file))];
      expect(used.length).toBeGreaterThan(0);
      expect({ file: path.basename(file), unknown: used.filter((u) => !provisioned.has(u)) }).toEqual({
        file: path.basename(file),
        unknown: [],
      });
    }
  });

  test('metrics link to traces: exemplars go to the Jaeger data source, panels link to Jaeger search', () => {
    const prometheus = readYaml<{
      datasources: {
        uid: string;
        jsonData?: { exemplarTraceIdDestinations?: { datasourceUid: string }[] };
      }[];
    }>(filesIn(paths.grafanaDatasources, /\.ya?ml$/)[0] as string).datasources.find(
      (d) => d.uid === 'corridor-prometheus',
    );
    expect(prometheus?.jsonData?.exemplarTraceIdDestinations?.[0]?.datasourceUid).toBe('corridor-jaeger');

    const services = readDashboard(path.join(paths.grafanaDashboards, 'corridor-services.json'));
    const panels = allPanels(services);
    expect(panels.some((p) => (p.targets ?? []).some((t) => (t as { exemplar?: boolean }).exemplar))).toBe(
      true,
    );
    const links = panels.flatMap(
      (p) =>
        (p as { fieldConfig?: { defaults?: { links?: { url: string }[] } } }).fieldConfig?.defaults?.links ??
        [],
    );
    expect(links.some((l) => l.url.startsWith('${jaeger_ui}/search?service=${__field.labels.service}'))).toBe(
      true,
    );
  });

  test('the dashboard provider loads the folder compose mounts the dashboards into', () => {
    const providers = filesIn(paths.grafanaDashboardProviders, /\.ya?ml$/).flatMap(
      (f) => readYaml<{ providers: { options: { path: string } }[] }>(f).providers,
    );
    expect(providers.map((p) => p.options.path)).toContain('/etc/grafana/dashboards');
  });

  test('every panel has a title and a description, and every query panel has a query', () => {
    for (const file of files) {
      for (const p of allPanels(readDashboard(file)).filter((p) => p.type !== 'row')) {
        expect({
          file: path.basename(file),
          title: p.title,
          hasDescription: Boolean((p as { description?: string }).description),
        }).toEqual({
          file: path.basename(file),
          title: expect.any(String),
          hasDescription: true,
        });
        expect((p.targets ?? []).length).toBeGreaterThan(0);
      }
    }
  });
});
