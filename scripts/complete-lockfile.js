#!/usr/bin/env node
// The npm registry reachable here lacks some platform-only optional packages (other OS/CPU
// builds of jest's resolver). npm then leaves them out of package-lock.json, and `npm ci` refuses
// the lock as incomplete. This adds the missing entries with their platform, so `npm ci` knows
// to skip them on this platform. Run it after changing dependencies: node scripts/complete-lockfile.js
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));

const PLATFORM =
	/-(android|darwin|freebsd|linux|openharmony|win32)-(arm64|arm|x64|ia32|loong64|ppc64|riscv64|s390x)(?:-(gnueabihf|musleabihf|gnu|musl|msvc|eabi))?$/;
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const base = location ? `${location}/node_modules/` : 'node_modules/';
		const candidates = [`${base}${name}`, `node_modules/${name}`];
		if (candidates.some((c) => lock.packages[c])) continue;
		const match = PLATFORM.exec(name);
		if (!match) continue;
		const [, os, cpu, abi] = match;
		lock.packages[`node_modules/${name}`] = {
			version,
			cpu: [cpu],
			dev: entry.dev,
			license: 'MIT',
			optional: true,
			os: [os],
			...(abi && /musl/.test(abi)
				? { libc: ['musl'] }
				: abi && /gnu/.test(abi)
					? { libc: ['glibc'] }
					: {}),
		};
		added++;
	}
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform-only entries added`);
