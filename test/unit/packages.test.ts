// The three packages built from this tree (scripts/packages.js), their tarballs as
// `npm run pack:all` left them in .tmp/packages/ (`npm test` packs first), and the workflow that
// publishes them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { parse } from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const packages = require('../../scripts/packages') as {
	ALL: string[];
	SINGLE: string[];
	COMBINED: string;
	packageDir(name: string): string;
	manifestOf(name: string): Manifest;
	linkProblems(): string[];
	packedTarballs(): Record<string, string>;
	releaseOf(tag: string): { name: string; version: string; dir: string };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MOVE_TO_SINGLE_PACKAGES } = require('../../scripts/n8n/examples') as {
	MOVE_TO_SINGLE_PACKAGES: string;
};

interface Manifest {
	name: string;
	version: string;
	license: string;
	keywords: string[];
	repository: { url: string; directory?: string };
	engines: { node: string };
	dependencies?: Record<string, string>;
	peerDependencies: Record<string, string>;
	publishConfig: { provenance: boolean; access: string };
	n8n: { strict?: boolean; nodes: string[]; credentials: string[] };
}

const ROOT = path.resolve(__dirname, '..', '..');
const SERVICE: Record<string, { nodes: string[]; credentials: string[]; other: RegExp }> = {
	'n8n-nodes-oy-indonesia': {
		nodes: ['oy', 'oyTrigger'],
		credentials: ['oyApi', 'oyCallbackApi'],
		other: /wappin/i,
	},
	'n8n-nodes-wappin': {
		nodes: ['wappin', 'wappinTrigger'],
		credentials: ['wappinApi', 'wappinCallbackApi'],
		other: /(^|\/)oy|oyApi/i,
	},
};

function unpack(tarball: string) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tarball-'));
	spawnSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return dir;
}

function listFiles(dir: string, base = dir): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
	});
}

/** Every .js reachable from the n8n entries by relative require(). */
function requiredClosure(dir: string, entries: string[]) {
	const seen = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		const text = fs.readFileSync(path.join(dir, file), 'utf8');
		for (const [, spec] of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
			visit(path.join(path.dirname(file), `${spec}.js`));
		}
	};
	entries.forEach(visit);
	return seen;
}

const tarballs = packages.packedTarballs();

describe('each package', () => {
	test.each(packages.ALL)('%s: manifest as n8n verifies it', (name) => {
		const manifest = packages.manifestOf(name);
		expect(manifest.name).toBe(name);
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.repository.url).toBe(
			'https://github.com/n8n-nodes-oy-wappin/n8n-nodes-oy-wappin.git',
		);
		const dir = path.relative(ROOT, packages.packageDir(name));
		if (dir) expect(manifest.repository.directory).toBe(dir);
		expect(manifest.engines.node).toBeTruthy();
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true });
		expect(manifest.version).toBe(packages.manifestOf(packages.COMBINED).version);
	});

	test.each(packages.SINGLE)(
		'%s: only its service, strict with n8n default lint config',
		(name) => {
			const manifest = packages.manifestOf(name);
			const expected = SERVICE[name];
			expect(manifest.n8n.strict).toBe(true);
			const dir = packages.packageDir(name);
			expect(fs.readFileSync(path.join(dir, 'eslint.config.mjs'), 'utf8')).toBe(
				fs.readFileSync(
					path.join(
						ROOT,
						'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
					),
					'utf8',
				),
			);
			const loaded = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((file) => {
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				const exported = Object.values(require(path.join(dir, file)))[0] as new () => {
					name?: string;
					description?: { name: string };
				};
				const instance = new exported();
				return instance.description?.name ?? instance.name;
			});
			expect(loaded.sort()).toEqual([...expected.nodes, ...expected.credentials].sort());
		},
	);

	test('the single packages source folders link exactly the files their entries import', () => {
		expect(packages.linkProblems()).toEqual([]);
	});
});

describe('the tarballs in .tmp/packages', () => {
	test.each(packages.ALL)('%s: its entries and what they require, nothing else', (name) => {
		const dir = unpack(tarballs[name]);
		const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		const entries: string[] = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
		const files = listFiles(dir);
		for (const entry of entries) expect(files).toContain(entry);
		const scripts = files.filter((file) => file.endsWith('.js'));
		expect(scripts.sort()).toEqual([...requiredClosure(dir, entries)].sort());
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
		if (SERVICE[name]) {
			const foreign = files.filter((file) => SERVICE[name].other.test(file));
			expect(foreign).toEqual([]);
		}
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test.each(packages.ALL)('%s: npm publish --dry-run accepts it', (name) => {
		const result = spawnSync('npm', ['publish', '--dry-run', tarballs[name]], {
			cwd: os.tmpdir(),
			encoding: 'utf8',
		});
		const { version } = packages.manifestOf(name);
		expect(result.stdout + result.stderr).toContain(`+ ${name}@${version}`);
		expect(result.status).toBe(0);
	});

	test('a local npm publish is refused: provenance can only be made in GitHub Actions', () => {
		const env = { ...process.env };
		delete env.GITHUB_ACTIONS;
		delete env.GITLAB_CI;
		// an address nothing listens on: npm stops before it would connect
		const result = spawnSync(
			'npm',
			[
				'publish',
				tarballs['n8n-nodes-wappin'],
				'--registry=http://127.0.0.1:9/',
				'--//127.0.0.1:9/:_authToken=not-a-token',
				'--fetch-retries=0',
			],
			{ cwd: os.tmpdir(), encoding: 'utf8', env },
		);
		expect(result.status).not.toBe(0);
		expect(result.stderr).toContain('Automatic provenance generation not supported');
	});
});

describe('the publish workflow', () => {
	const workflow = parse(
		fs.readFileSync(path.join(ROOT, '.github/workflows/publish.yml'), 'utf8'),
	) as {
		on: { push: { tags: string[] } };
		permissions: Record<string, string>;
		jobs: Record<
			string,
			{
				needs?: string;
				if?: string;
				permissions?: Record<string, string>;
				steps: Array<{
					run?: string;
					uses?: string;
					with?: Record<string, unknown>;
					'working-directory'?: string;
				}>;
			}
		>;
	};

	test('runs on each package tag; everything but publishing can only read', () => {
		expect(workflow.on.push.tags.sort()).toEqual(packages.ALL.map((name) => `${name}@*`).sort());
		expect(workflow.permissions).toEqual({ contents: 'read' });
		const verify = workflow.jobs.verify.steps.map((step) => step.run).filter(Boolean);
		expect(verify).toEqual(['npm ci', 'npm run lint', 'npm run scan', 'npm test']);
	});

	test.each(packages.ALL)(
		'%s: one job, after the checks, with provenance from its own folder',
		(name) => {
			const job = workflow.jobs[name];
			expect(job.needs).toBe('verify');
			expect(job.if).toBe(`startsWith(github.ref_name, '${name}@')`);
			expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
			const node = job.steps.find((step) => step.uses?.startsWith('actions/setup-node'));
			expect(node?.with?.['node-version']).toBe(24);
			const runs = job.steps.map((step) => step.run);
			expect(runs).toContain('node scripts/packages.js release "$GITHUB_REF_NAME"');
			const publish = job.steps.find((step) => step.run?.startsWith('npm publish'));
			expect(publish?.run).toBe('npm publish --provenance --access public');
			expect(publish?.['working-directory']).toBe(packages.releaseOf(`${name}@0.1.0`).dir);
		},
	);

	test('only jobs for the three packages and the checks', () => {
		expect(Object.keys(workflow.jobs).sort()).toEqual(['verify', ...packages.ALL].sort());
	});

	test('a tag builds only the package it names, at its own version', () => {
		const { version } = packages.manifestOf('n8n-nodes-wappin');
		expect(packages.releaseOf(`n8n-nodes-wappin@${version}`)).toEqual({
			name: 'n8n-nodes-wappin',
			version,
			dir: 'packages/n8n-nodes-wappin',
		});
		expect(() => packages.releaseOf('n8n-nodes-wappin@99.0.0')).toThrow(
			"n8n-nodes-wappin's package.json says",
		);
		expect(() => packages.releaseOf(`v${version}`)).toThrow('names none of the packages');
		expect(() => packages.releaseOf(`n8n-nodes-oy@${version}`)).toThrow('names none');
	});
});

describe('READMEs', () => {
	test.each(packages.SINGLE)("%s: n8n's sections", (name) => {
		const readme = fs.readFileSync(path.join(packages.packageDir(name), 'README.md'), 'utf8');
		const headings = [...readme.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
		expect(headings).toEqual(
			expect.arrayContaining([
				'Installation',
				'Credentials',
				'Operations',
				'Triggers',
				'Compatibility',
				'Usage',
				'Resources',
				'Version history',
			]),
		);
		expect(readme).toContain('N8N_UNVERIFIED_PACKAGES_ENABLED=true');
	});

	test('the root README gives the very command the examples are moved with', () => {
		const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		expect(readme).toContain(MOVE_TO_SINGLE_PACKAGES);
	});
});
