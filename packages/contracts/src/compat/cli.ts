// Compatibility gate run by `npm test`: fails when a published vN schema changed incompatibly.
import { formatFindings, runCompatibilityCheck } from '../generate/artifacts';

const report = runCompatibilityCheck();
if (report.notes.length > 0)
  console.log(`Compatible changes not yet in the snapshots:\n${formatFindings(report.notes)}`);
if (report.unpublished.length > 0) {
  console.error(
    `Event types without a snapshot (run npm run generate -w @corridor/contracts):\n  ${report.unpublished.join('\n  ')}`,
  );
}
if (report.breaking.length > 0) {
  console.error(
    `Breaking changes to published schemas; publish a new vN+1 type instead:\n${formatFindings(report.breaking)}`,
  );
}
if (report.breaking.length > 0 || report.unpublished.length > 0) process.exit(1);
console.log('Schema compatibility: ok, no breaking changes to published schemas');
