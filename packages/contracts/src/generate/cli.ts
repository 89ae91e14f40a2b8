// `npm run generate -w @corridor/contracts`: JSON Schema files, AsyncAPI document, snapshots.
import { formatFindings, generate } from './artifacts';

const { written, report } = generate();
if (report.breaking.length > 0) {
  console.error(
    `Refusing to generate: breaking changes to published schemas (publish them as a new vN+1 type instead):\n${formatFindings(report.breaking)}`,
  );
  process.exit(1);
}
if (report.notes.length > 0) console.log(`Compatible changes:\n${formatFindings(report.notes)}`);
console.log(
  written.length
    ? `Wrote ${written.length} file(s):\n  ${written.join('\n  ')}`
    : 'Generated files are up to date.',
);
