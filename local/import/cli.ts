/**
 * `import-jira`: loads Jira exports into the local Jira's data file.
 *
 *   npx tsx local/import/cli.ts [options] <file>...
 *
 * See `--help` and docs/import-jira.md.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { STORY_POINT_ESTIMATE, STORY_POINTS } from '../jira/fields';
import { demoSite } from '../jira/seed';
import { JiraStore } from '../jira/store';
import { checkInputFile, plainErrorText, readInputFile } from '../cli/input-files';
import { writeJsonAtomically } from '../host/jira-file';
import { dataDirectory } from '../kvs/kvs-service';
import { importJira, ImportError, type ImportOptions, type ImportReport } from './import-jira';
import { progressPrinter } from './progress';
import { describeZodError } from './raw-issue';

const USAGE = `Usage: npx tsx local/import/cli.ts [options] <file>...

Loads Jira exports into the local Jira's data file. A file is a JSON array of issues, a search or
board reply ({issues: [...]}), or JSON Lines (one issue or reply per line); any may be gzipped.

Options:
  --store <file>             the local Jira snapshot to update (default: $TETHER_DATA/jira.json or .tether/jira.json)
  --seed demo|empty          when the store file does not exist, start from the demo site (default)
                             or from the personas alone (no projects, no issues)
  --descriptions plain|none  keep descriptions as plain text (default) or summaries only
  --fields <file>            field names for exports without \`names\`: a GET /field reply or a {id: name} map
  --epic-link-field <id>     the export's epic link field (e.g. customfield_10008)
  --story-points-field <id>  the export's story points field
  --points-into <id>         local field for story points: ${STORY_POINT_ESTIMATE} or ${STORY_POINTS}
  --dry-run                  read and check everything, write nothing
  --json                     print the report as JSON
  -h, --help                 this text`;

const FieldList = z.union([
  z.array(
    z
      .object({
        id: z.string(),
        name: z.string(),
        schema: z.object({ custom: z.string().optional() }).loose().optional(),
      })
      .loose(),
  ),
  z.record(z.string(), z.string()),
]);

/** Where the local host keeps its Jira: `<dataDir>/jira.json` (local/host/create-host.ts). */
function defaultStore(): string {
  return join(dataDirectory(), 'jira.json');
}

function loadStore(file: string, seed: string): JiraStore {
  if (!existsSync(file)) {
    const site = demoSite(Date.now());
    if (seed === 'empty') {
      site.projects = [];
      site.issues = [];
    }
    return JiraStore.fromInput(site);
  }
  const text = readInputFile(file, 'the local Jira store (--store)');
  try {
    return JiraStore.fromSnapshot(JSON.parse(text));
  } catch (error) {
    const why = error instanceof z.ZodError ? describeZodError(error) : (error as Error).message;
    throw new Error(`${file} is not a local Jira snapshot: ${why}`);
  }
}

function fieldOptions(file: string): Pick<ImportOptions, 'names' | 'fieldTypes'> {
  const parsed = FieldList.safeParse(JSON.parse(readInputFile(file, 'the field list (--fields)')));
  if (!parsed.success)
    throw new Error(`${file}: not a GET /field reply nor a {id: name} map: ${describeZodError(parsed.error)}`);
  if (!Array.isArray(parsed.data)) return { names: parsed.data };
  const names: Record<string, string> = {};
  const fieldTypes: Record<string, string> = {};
  for (const f of parsed.data) {
    names[f.id] = f.name;
    if (f.schema?.custom) fieldTypes[f.id] = f.schema.custom;
  }
  return { names, fieldTypes };
}

function summary(report: ImportReport, storeFile: string, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'Dry run: nothing written' : `Imported into ${storeFile}`} in ${(report.durationMs / 1000).toFixed(1)} s ` +
      `(reading ${(report.phaseMs.reading / 1000).toFixed(1)} s, building ${(report.phaseMs.building / 1000).toFixed(1)} s, applying ${(report.phaseMs.applying / 1000).toFixed(1)} s)`,
    `  records: ${report.records} in ${report.files.length} file(s)`,
    `  issues: ${report.issues.added} added, ${report.issues.updated} updated, ${report.issues.unchanged} unchanged`,
    `  users added: ${report.usersAdded}; projects added: ${report.projectsAdded.join(', ') || 'none'}`,
  ];
  const added = [
    ['issue types', report.issueTypesAdded],
    ['statuses', report.statusesAdded],
    ['priorities', report.prioritiesAdded],
    ['resolutions', report.resolutionsAdded],
  ] as const;
  for (const [what, names] of added) if (names.length > 0) lines.push(`  ${what} added: ${names.join(', ')}`);
  const via = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  lines.push(`  parents set: ${via(report.parentsResolved)}; not found: ${via(report.parentsUnresolved)}`);
  lines.push(`  skipped: ${report.skipped.count}`);
  for (const s of report.skipped.listed)
    lines.push(`    ${s.file} ${s.position}${s.key ? ` (${s.key})` : ''}: ${s.reason}`);
  if (report.skipped.count > report.skipped.listed.length)
    lines.push(`    … and ${report.skipped.count - report.skipped.listed.length} more`);
  const warnings = Object.entries(report.warnings.counts);
  if (warnings.length > 0) {
    lines.push(`  warnings: ${warnings.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const w of report.warnings.listed) lines.push(`    ${w.kind}: ${w.detail}`);
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        store: { type: 'string' },
        seed: { type: 'string', default: 'demo' },
        descriptions: { type: 'string', default: 'plain' },
        fields: { type: 'string' },
        'epic-link-field': { type: 'string' },
        'story-points-field': { type: 'string' },
        'points-into': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const pointsInto = values['points-into'];
  if (
    positionals.length === 0 ||
    !['demo', 'empty'].includes(values.seed) ||
    !['plain', 'none'].includes(values.descriptions) ||
    (pointsInto !== undefined && pointsInto !== STORY_POINT_ESTIMATE && pointsInto !== STORY_POINTS)
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  // every file named, checked before anything is read or written: a plain sentence for one that is not there
  for (const file of positionals) checkInputFile(file, 'the export');
  const storeFile = values.store ?? defaultStore();
  const store = loadStore(storeFile, values.seed);
  const printer = progressPrinter(process.stderr);
  const options: ImportOptions = {
    descriptions: values.descriptions as 'plain' | 'none',
    onProgress: printer.onProgress,
    ...(values.fields ? fieldOptions(values.fields) : {}),
    ...(values['epic-link-field'] ? { epicLinkField: values['epic-link-field'] } : {}),
    ...(values['story-points-field'] ? { storyPointsField: values['story-points-field'] } : {}),
    ...(pointsInto === STORY_POINT_ESTIMATE || pointsInto === STORY_POINTS ? { pointsInto } : {}),
  };
  let report: ImportReport;
  try {
    report = await importJira(store, positionals, options);
  } finally {
    printer.finish();
  }
  if (!values['dry-run']) writeJsonAtomically(storeFile, store.toSnapshot());
  process.stdout.write(
    values.json ? `${JSON.stringify(report, null, 2)}\n` : `${summary(report, storeFile, values['dry-run'])}\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`import-jira: ${error instanceof ImportError ? error.message : plainErrorText(error)}\n`);
    process.exitCode = 1;
  },
);
