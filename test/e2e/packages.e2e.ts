// Which of this repository's packages n8n loaded (N8N_PACKAGES: the combined one, or the two
// single-service ones side by side), and what n8n does when a single-service package is
// installed next to the combined one: their credential types have the same names.
import path from 'node:path';

import type { N8nInstance } from '../../scripts/n8n/instance';
import { ROOT, launchN8n } from '../../scripts/n8n/instance';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { INSTALLED_PACKAGES, connect, workflowNode } from './n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packedTarballs } = require('../../scripts/packages') as {
	packedTarballs(): Record<string, string>;
};

const HOLDS: Record<string, { nodes: string[]; credentials: string[] }> = {
	'n8n-nodes-oy-wappin': {
		nodes: ['oy', 'oyTrigger', 'wappin', 'wappinTrigger'],
		credentials: ['oyApi', 'oyCallbackApi', 'wappinApi', 'wappinCallbackApi'],
	},
	'n8n-nodes-oy-indonesia': { nodes: ['oy', 'oyTrigger'], credentials: ['oyApi', 'oyCallbackApi'] },
	'n8n-nodes-wappin': {
		nodes: ['wappin', 'wappinTrigger'],
		credentials: ['wappinApi', 'wappinCallbackApi'],
	},
};
const PACKAGES = Object.keys(HOLDS);
const OUR_CREDENTIALS = HOLDS['n8n-nodes-oy-wappin'].credentials;

/** Our node types n8n lists (without the AI-tool variants n8n derives from them). */
async function loadedNodes(n8n: N8nInstance) {
	const nodes: Array<{ name: string }> = await n8n.rest('GET', '/types/nodes.json');
	return nodes
		.map((type) => type.name)
		.filter((name) => PACKAGES.some((pkg) => name.startsWith(`${pkg}.`)) && !/Tool$/.test(name))
		.sort();
}

/** Our credential types n8n lists, each with the node types it says may use it. */
async function loadedCredentials(n8n: N8nInstance) {
	const types: Array<{ name: string; supportedNodes?: string[] }> = await n8n.rest(
		'GET',
		'/types/credentials.json',
	);
	return types.filter((type) => OUR_CREDENTIALS.includes(type.name));
}

const nodesOf = (packages: string[]) =>
	packages.flatMap((pkg) => HOLDS[pkg].nodes.map((node) => `${pkg}.${node}`)).sort();

test('n8n loaded exactly the installed packages', async () => {
	const n8n = connect();
	expect(await loadedNodes(n8n)).toEqual(nodesOf(INSTALLED_PACKAGES));
	const credentials = await loadedCredentials(n8n);
	expect(credentials.map((type) => type.name).sort()).toEqual(
		[...new Set(INSTALLED_PACKAGES.flatMap((pkg) => HOLDS[pkg].credentials))].sort(),
	);
});

describe('a single-service package installed next to the combined one', () => {
	let n8n: N8nInstance;
	let sim: Simulator;
	beforeAll(async () => {
		const tarballs = packedTarballs();
		sim = await startSimulator();
		n8n = await launchN8n({
			installed: connect().installed,
			folder: path.join(ROOT, '.tmp', 'e2e-side-by-side'),
			tarballs: PACKAGES.map((pkg) => tarballs[pkg]),
		});
	}, 300_000);
	afterAll(async () => {
		await n8n?.stop();
		await sim?.close();
	});

	test('n8n loads every node, lists each credential type once per package, and runs both with one credential', async () => {
		expect(await loadedNodes(n8n)).toEqual(nodesOf(PACKAGES));
		// each package's definition is listed, each offered to its own package's nodes
		const listed = (await loadedCredentials(n8n)).map(
			(type) => `${type.name} ← ${(type.supportedNodes ?? []).join(', ')}`,
		);
		expect(listed.sort()).toEqual(
			PACKAGES.flatMap((pkg) =>
				HOLDS[pkg].credentials.map(
					(credential) =>
						`${credential} ← ${pkg}.${credential.startsWith('oy') ? 'oy' : 'wappin'}${credential.endsWith('CallbackApi') ? 'Trigger' : ''}`,
				),
			).sort(),
		);
		// one saved credential serves the nodes of both packages
		const saved = await n8n.createSimulatorCredentials(sim, 'side by side');
		const sent: Record<string, unknown> = {};
		for (const [pkg, partnerTxId] of [
			['n8n-nodes-oy-wappin', 'INV-001'],
			['n8n-nodes-oy-indonesia', 'INV-002'],
		]) {
			const flow = await n8n.webhookWorkflow(`Side by side ${pkg}`, [
				workflowNode(
					'OY',
					`${pkg}.oy`,
					{
						resource: 'whatsapp',
						operation: 'sendLink',
						partnerTxId,
						whatsappNumber: '081234567890',
					},
					{ credentials: { oyApi: saved.oyApi } },
				),
			]);
			const answer = await flow.run([{}]);
			expect(answer.status).toBe(200);
			sent[pkg] = answer.body[0].success_queued;
		}
		expect(sent).toEqual({ 'n8n-nodes-oy-wappin': true, 'n8n-nodes-oy-indonesia': true });
	});
});
