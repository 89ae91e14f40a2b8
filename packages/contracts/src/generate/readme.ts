import { eventCatalogue, EVENT_TYPES } from '../catalogue';
import { topicCatalogue } from '../topics';

// Sections of README.md between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`
// are written by `npm run generate`, so the tables never drift from the code.

function catalogueTable(): string {
  const rows = EVENT_TYPES.map((t) => {
    const s = eventCatalogue[t];
    return `| \`${t}\` | \`${s.topic}\` | ${s.subjectField} | ${s.producer} | ${s.description} |`;
  });
  return [
    '| event type | topic | key / subject | producer | meaning |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function retention(ms: string): string {
  if (ms === '-1') return 'forever';
  const days = Number(ms) / 86_400_000;
  return Number.isInteger(days) ? `${days} d` : `${ms} ms`;
}

function topicTable(): string {
  const rows = topicCatalogue.map(
    (t) =>
      `| \`${t.name}\` | ${t.partitions} | ${t.config['cleanup.policy']}, ${retention(t.config['retention.ms'])} | ${t.key} | ${t.producer} | ${t.consumers.join(', ') || '—'} |`,
  );
  return [
    '| topic | partitions | cleanup, retention | key | producer | consumers |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function technologyExample(): string {
  return [
    '```json',
    JSON.stringify(eventCatalogue['corridor.supply.technology.publish-requested.v1'].example, null, 2),
    '```',
  ].join('\n');
}

const SECTIONS: Record<string, () => string> = {
  catalogue: catalogueTable,
  topics: topicTable,
  'technology-json': technologyExample,
};

function sectionRegex(name: string): RegExp {
  return new RegExp(`(<!-- generated:${name} -->)([\\s\\S]*?)(<!-- /generated:${name} -->)`);
}

// Prettier re-pads tables and re-wraps JSON in markdown, so sections are compared by meaning:
// JSON blocks as parsed values, tables without padding.
function normalise(section: string): string {
  const json = /^\s*```json\n([\s\S]*)\n```\s*$/.exec(section);
  if (json) {
    try {
      return JSON.stringify(JSON.parse(json[1]!));
    } catch {
      return section;
    }
  }
  return section
    .replace(/\s+/g, ' ')
    .replace(/ ?\| ?/g, '|')
    .replace(/-{3,}/g, '---')
    .trim();
}

/** Generated sections that are missing or differ from the code, by name. */
export function staleReadmeSections(current: string): string[] {
  return Object.entries(SECTIONS)
    .filter(([name, render]) => {
      const m = sectionRegex(name).exec(current);
      return !m || normalise(m[2]!) !== normalise(render());
    })
    .map(([name]) => name);
}

export function renderReadme(current: string): string {
  let out = current;
  for (const [name, render] of Object.entries(SECTIONS)) {
    const re = sectionRegex(name);
    if (!re.test(out))
      throw new Error(`README.md lacks the markers <!-- generated:${name} --> … <!-- /generated:${name} -->`);
    out = out.replace(
      re,
      (_m, open: string, _old: string, close: string) => `${open}\n${render()}\n${close}`,
    );
  }
  return out;
}
