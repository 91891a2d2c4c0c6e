#!/usr/bin/env node
// n8n's community-package scanner (@n8n/scan-community-package) run offline: the same ESLint
// rules it applies to the attested source (package.json, nodes/, credentials/) and to the published
// tarball (compiled .js and package.json). The online command also checks npm provenance, which
// only a published version has: `npx @n8n/scan-community-package n8n-nodes-oy-wappin`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', work], {
	cwd: root,
	encoding: 'utf8',
});
if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
const tarball = path.join(work, pack.stdout.trim().split('\n').pop());
const unpacked = path.join(work, 'package');
fs.mkdirSync(unpacked);
spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

let failed = false;
for (const [label, dir, patterns] of [
	['source (package.json, nodes/, credentials/)', root, SOURCE_FILE_PATTERNS],
	[
		`tarball ${path.basename(tarball)} (compiled .js, package.json)`,
		unpacked,
		['**/*.js', 'package.json'],
	],
]) {
	const result = await analyzePackage(dir, patterns);
	console.log(
		`${result.passed ? 'passed' : 'FAILED'}: ${label}${result.message ? ` (${result.message})` : ''}`,
	);
	if (result.details) console.log(result.details);
	failed ||= !result.passed;
}
fs.rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
