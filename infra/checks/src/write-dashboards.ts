import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { dashboardJson, renderDashboards } from './dashboards';
import { paths } from './paths';

for (const [file, model] of Object.entries(renderDashboards())) {
  writeFileSync(path.join(paths.grafanaDashboards, file), dashboardJson(model));
  console.log(`wrote infra/grafana/dashboards/${file}`);
}
