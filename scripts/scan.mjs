#!/usr/bin/env node
// n8n's community-package scanner (@n8n/scan-community-package) run offline on each of the three
// packages: the same ESLint rules it applies to the attested source (the package folder's
// package.json, nodes/ and credentials/, found by the package's name) and to the published
// tarball (compiled .js and package.json). The online command also checks npm provenance, which
// only a published version has: `npx @n8n/scan-community-package n8n-nodes-wappin`.
// Run after `node scripts/packages.js pack` (`npm run scan` does both).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import {
	analyzePackage,
	findPackageRoot,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const { ALL, packedTarballs } = createRequire(import.meta.url)('./packages.js');
const root = path.resolve(import.meta.dirname, '..');
const tarballs = packedTarballs();

let failed = false;
for (const name of ALL) {
	const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
	spawnSync('tar', ['-xzf', tarballs[name], '-C', unpacked, '--strip-components=1']);
	const source = findPackageRoot(root, name);
	for (const [label, dir, patterns] of [
		[
			`source ${path.relative(root, source) || '.'} (package.json, nodes/, credentials/)`,
			source,
			SOURCE_FILE_PATTERNS,
		],
		[
			`tarball ${path.basename(tarballs[name])} (compiled .js, package.json)`,
			unpacked,
			['**/*.js', 'package.json'],
		],
	]) {
		const result = await analyzePackage(dir, patterns);
		const count = result.message ? ` (${result.message})` : '';
		console.log(`${name}: ${result.passed ? 'passed' : 'FAILED'}: ${label}${count}`);
		if (result.details) console.log(result.details);
		failed ||= !result.passed;
	}
	fs.rmSync(unpacked, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
