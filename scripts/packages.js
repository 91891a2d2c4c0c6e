#!/usr/bin/env node
'use strict';
// The three npm packages built from this one source tree:
//   .                               n8n-nodes-oy-wappin (both services; its sources are nodes/ and credentials/)
//   packages/n8n-nodes-oy-indonesia OY! only
//   packages/n8n-nodes-wappin       Wappin only
// A single-service package folder holds its manifest, README and LICENSE, and its nodes/ and
// credentials/ as symbolic links to exactly the source files its nodes and credentials import
// (file links: ESLint and so `n8n-node lint` do not enter linked folders). n8n's scanner finds
// the folder by the package's name in the attested commit and lints those files.
//
//   node scripts/packages.js link          (re)makes the links after a source file is added or removed
//   node scripts/packages.js check         fails when the committed links are not what `link` makes
//   node scripts/packages.js build [name]  compiles a package into its dist/ (all three without name)
//   node scripts/packages.js pack          builds all three and packs them into .tmp/packages/
//   node scripts/packages.js release <tag>  checks a tag (n8n-nodes-wappin@1.2.0) and builds that package
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PACKED = path.join(ROOT, '.tmp', 'packages');
const COMBINED = require(path.join(ROOT, 'package.json')).name;
const SINGLE = ['n8n-nodes-oy-indonesia', 'n8n-nodes-wappin'];
const ALL = [COMBINED, ...SINGLE];
// what n8n shows beside a node or credential: icons and codex files
const ASSET = /\.(svg|png|json)$/;

const packageDir = (name) => (name === COMBINED ? ROOT : path.join(ROOT, 'packages', name));
const manifestOf = (name) =>
	JSON.parse(fs.readFileSync(path.join(packageDir(name), 'package.json')));

/** The n8n section's entries (dist/….js) as the source files they are compiled from. */
function entrySources(name) {
	const { nodes, credentials } = manifestOf(name).n8n;
	return [...nodes, ...credentials].map((file) =>
		file.replace(/^dist\//, '').replace(/\.js$/, '.ts'),
	);
}

/** Every source file (relative to the root) the entries import, and the assets beside each node. */
function sourceClosure(name) {
	const seen = new Set();
	const visit = (file) => {
		if (seen.has(file)) return;
		seen.add(file);
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		for (const [, spec] of text.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)) {
			visit(path.join(path.dirname(file), `${spec}.ts`));
		}
	};
	const entries = entrySources(name);
	entries.forEach(visit);
	for (const dir of new Set(entries.map((entry) => path.dirname(entry)))) {
		for (const file of fs.readdirSync(path.join(ROOT, dir))) {
			if (ASSET.test(file)) seen.add(path.join(dir, file));
		}
	}
	return [...seen].sort();
}

function linkedFiles(name) {
	const found = [];
	const walk = (dir) => {
		for (const entry of fs.readdirSync(path.join(packageDir(name), dir), { withFileTypes: true })) {
			const relative = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(relative);
			else found.push(relative);
		}
	};
	for (const top of ['nodes', 'credentials']) {
		if (fs.existsSync(path.join(packageDir(name), top))) walk(top);
	}
	return found.sort();
}

function link() {
	for (const name of SINGLE) {
		const dir = packageDir(name);
		for (const top of ['nodes', 'credentials'])
			fs.rmSync(path.join(dir, top), { recursive: true, force: true });
		for (const file of sourceClosure(name)) {
			const at = path.join(dir, file);
			fs.mkdirSync(path.dirname(at), { recursive: true });
			fs.symlinkSync(path.relative(path.dirname(at), path.join(ROOT, file)), at);
		}
	}
}

/** What is wrong with the committed links, one line per problem (none when they are right). */
function linkProblems() {
	const problems = [];
	for (const name of SINGLE) {
		const wanted = sourceClosure(name);
		const present = linkedFiles(name);
		for (const file of wanted.filter((f) => !present.includes(f)))
			problems.push(`${name}: ${file} is not linked`);
		for (const file of present.filter((f) => !wanted.includes(f)))
			problems.push(`${name}: ${file} is linked but not imported`);
		for (const file of present.filter((f) => wanted.includes(f))) {
			const at = path.join(packageDir(name), file);
			const isLink = fs.lstatSync(at).isSymbolicLink();
			if (!isLink || fs.realpathSync(at) !== path.join(ROOT, file))
				problems.push(`${name}: ${file} is not a link to ${file}`);
		}
	}
	return problems;
}

function run(command, args, cwd = ROOT) {
	const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
}

/** tsc follows the imports from the package's own sources, so dist/ holds only what they use. */
function build(name) {
	const dir = packageDir(name);
	fs.rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
	const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	run(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.build.json')]);
	const files = name === COMBINED ? ['nodes', 'credentials'] : sourceClosure(name);
	for (const file of name === COMBINED ? allFiles(files) : files) {
		if (!ASSET.test(file)) continue;
		fs.mkdirSync(path.join(dir, 'dist', path.dirname(file)), { recursive: true });
		fs.copyFileSync(path.join(ROOT, file), path.join(dir, 'dist', file));
	}
}

function allFiles(tops) {
	return tops.flatMap((top) =>
		fs.readdirSync(path.join(ROOT, top), { recursive: true }).map((file) => path.join(top, file)),
	);
}

/** Builds and packs all three; returns { name: tarball path }. */
function pack() {
	fs.rmSync(PACKED, { recursive: true, force: true });
	fs.mkdirSync(PACKED, { recursive: true });
	const tarballs = {};
	for (const name of ALL) {
		build(name);
		const result = spawnSync('npm', ['pack', '--silent', '--pack-destination', PACKED], {
			cwd: packageDir(name),
			encoding: 'utf8',
			env: { ...process.env, npm_config_ignore_scripts: 'true' },
		});
		if (result.status !== 0) throw new Error(`npm pack ${name} failed:\n${result.stderr}`);
		tarballs[name] = path.join(PACKED, result.stdout.trim().split('\n').pop());
		console.log(`packed ${path.relative(ROOT, tarballs[name])}`);
	}
	return tarballs;
}

/**
 * The package a release tag names (`<name>@<version>`), refused unless the version is that
 * package's own: the publish workflow calls this before it builds and publishes.
 */
function releaseOf(tag) {
	const at = tag.lastIndexOf('@');
	const name = tag.slice(0, at);
	const version = tag.slice(at + 1);
	if (at <= 0 || !ALL.includes(name)) {
		throw new Error(
			`tag ${tag} names none of the packages ${ALL.join(', ')} (want <name>@<version>)`,
		);
	}
	const own = manifestOf(name).version;
	if (version !== own) {
		throw new Error(`tag ${tag} says version ${version}, but ${name}'s package.json says ${own}`);
	}
	return { name, version, dir: path.relative(ROOT, packageDir(name)) || '.' };
}

/** The tarballs `pack` left in .tmp/packages/, by package name. */
function packedTarballs() {
	const files = fs.existsSync(PACKED) ? fs.readdirSync(PACKED) : [];
	return Object.fromEntries(
		ALL.map((name) => {
			const file = files.find(
				(f) => f.startsWith(`${name}-`) && /^\d/.test(f.slice(name.length + 1)),
			);
			if (!file) throw new Error(`${name} is not packed: run npm run pack:all`);
			return [name, path.join(PACKED, file)];
		}),
	);
}

module.exports = {
	releaseOf,
	ALL,
	COMBINED,
	SINGLE,
	PACKED,
	packageDir,
	manifestOf,
	sourceClosure,
	linkProblems,
	pack,
	packedTarballs,
};

function main([command, name]) {
	if (command === 'link') link();
	else if (command === 'check') {
		const problems = linkProblems();
		if (problems.length)
			throw new Error(`${problems.join('\n')}\nRun: node scripts/packages.js link`);
	} else if (command === 'build') (name ? [name] : ALL).forEach(build);
	else if (command === 'pack') pack();
	else if (command === 'release') {
		const release = releaseOf(name);
		build(release.name);
		console.log(`${release.name} ${release.version} built in ${release.dir}: ready to publish`);
	} else
		throw new Error('usage: node scripts/packages.js link|check|build [name]|pack|release <tag>');
}

if (require.main === module) {
	try {
		main(process.argv.slice(2));
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
