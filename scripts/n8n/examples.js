'use strict';
// Imports the workflows in examples/ into a running n8n with this package's credentials filled in,
// and activates the ones that start from a callback. Used by `npm start` and the end-to-end suite.
const { spawnSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { SINGLE_PACKAGES } = require('./workflows');

const EXAMPLES_FOLDER = path.resolve(__dirname, '..', '..', 'examples');

/**
 * Moves a saved workflow from the combined package to the single-service ones: only the node type
 * prefixes change (credentials keep their type names). The README gives this very command.
 */
const MOVE_TO_SINGLE_PACKAGES =
	'sed -e \'s/"n8n-nodes-oy-wappin\\.oy/"n8n-nodes-oy-indonesia.oy/g\' -e \'s/"n8n-nodes-oy-wappin\\.wappin/"n8n-nodes-wappin.wappin/g\'';

function moveToSinglePackages(file) {
	const moved = spawnSync('sh', ['-c', `${MOVE_TO_SINGLE_PACKAGES} "$0"`, file], {
		encoding: 'utf8',
	});
	if (moved.status !== 0) throw new Error(`moving ${file} failed: ${moved.stderr}`);
	return moved.stdout;
}

/** The examples, moved to the single-service packages when those are the ones installed. */
function readExamples() {
	return fs
		.readdirSync(EXAMPLES_FOLDER)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const at = path.join(EXAMPLES_FOLDER, file);
			const text = SINGLE_PACKAGES ? moveToSinglePackages(at) : fs.readFileSync(at, 'utf8');
			return { file, workflow: JSON.parse(text) };
		});
}

const isCallbackTrigger = (node) => /\.(oyTrigger|wappinTrigger)$/.test(node.type);
const isMcpTrigger = (node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger';
const isWebhook = (node) => node.type === 'n8n-nodes-base.webhook';

/**
 * credentials: { oyApi, wappinApi, oyCallbackApi, wappinCallbackApi } as { id, name }. Every import gets new webhook IDs, so the
 * same example can be imported more than once. Workflows started by a callback trigger or by the MCP
 * Server Trigger are activated (the MCP one on n8n 2.x, whose trigger serves streamable HTTP).
 * Returns [{ file, id, name, callbackUrls, mcpUrl, webhookUrl }]: callbackUrls maps a trigger node's
 * type (`oyPayment` for the OY! trigger's payment event) to its production URL; webhookUrl is where n8n's Webhook node (a request that starts the
 * example) listens. options.only: file names to import; options.mcpPath: the MCP server's path.
 */
async function importExamples(n8n, credentials, options = {}) {
	const { activate = true, only, mcpPath } = options;
	const mcpServed = Number(n8n.installed.version.split('.')[0]) >= 2;
	const imported = [];
	for (const { file, workflow } of readExamples()) {
		if (only && !only.includes(file)) continue;
		const callbackUrls = {};
		let mcpUrl;
		let webhookUrl;
		for (const node of workflow.nodes) {
			for (const type of Object.keys(node.credentials ?? {})) {
				if (credentials[type]) node.credentials[type] = credentials[type];
			}
			if (node.webhookId) node.webhookId = randomUUID();
			if (isCallbackTrigger(node)) {
				// the OY! trigger's payment event gets its own URL in OY!'s dashboard
				const key = node.parameters.event === 'payment' ? 'oyPayment' : node.type.split('.').pop();
				callbackUrls[key] = `${n8n.url}/webhook/${node.webhookId}/callback`;
			}
			if (isWebhook(node)) {
				// a path of its own, so the same example can be imported (and active) more than once
				node.parameters.path = `${node.parameters.path}-${node.webhookId.slice(0, 8)}`;
				webhookUrl = `${n8n.url}/webhook/${node.parameters.path}`;
			}
			if (isMcpTrigger(node)) {
				if (mcpPath) node.parameters.path = mcpPath;
				mcpUrl = `${n8n.url}/mcp/${node.parameters.path}`;
			}
		}
		const created = await n8n.createWorkflow(workflow);
		const served =
			Object.keys(callbackUrls).length > 0 ||
			webhookUrl !== undefined ||
			(mcpUrl !== undefined && mcpServed);
		if (activate && served) await n8n.activate(created.id);
		imported.push({ file, id: created.id, name: workflow.name, callbackUrls, mcpUrl, webhookUrl });
	}
	return imported;
}

module.exports = { readExamples, importExamples, EXAMPLES_FOLDER, MOVE_TO_SINGLE_PACKAGES };
