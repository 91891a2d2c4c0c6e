'use strict';
// Imports the workflows in examples/ into a running n8n with this package's credentials filled in,
// and activates the ones that start from a callback. Used by `npm start` and the end-to-end suite.
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_FOLDER = path.resolve(__dirname, '..', '..', 'examples');

function readExamples() {
	return fs
		.readdirSync(EXAMPLES_FOLDER)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_FOLDER, file), 'utf8')),
		}));
}

const isCallbackTrigger = (node) => /\.(oyTrigger|wappinTrigger)$/.test(node.type);

/**
 * credentials: { oyApi: {id, name}, wappinApi: {id, name} }. Every import gets new webhook IDs, so the
 * same example can be imported more than once. Returns [{ file, id, name, callbackUrls }] where
 * callbackUrls maps a trigger node's type to its production URL.
 */
async function importExamples(n8n, credentials, { activate = true, triggerOptions = {} } = {}) {
	const imported = [];
	for (const { file, workflow } of readExamples()) {
		const callbackUrls = {};
		for (const node of workflow.nodes) {
			for (const type of Object.keys(node.credentials ?? {})) {
				if (credentials[type]) node.credentials[type] = credentials[type];
			}
			if (node.webhookId) node.webhookId = randomUUID();
			if (isCallbackTrigger(node)) {
				node.parameters.options = { ...node.parameters.options, ...triggerOptions };
				callbackUrls[node.type.split('.').pop()] = `${n8n.url}/webhook/${node.webhookId}/callback`;
			}
		}
		const created = await n8n.createWorkflow(workflow);
		const hasTrigger = Object.keys(callbackUrls).length > 0;
		if (activate && hasTrigger) await n8n.activate(created.id);
		imported.push({ file, id: created.id, name: workflow.name, callbackUrls });
	}
	return imported;
}

module.exports = { readExamples, importExamples, EXAMPLES_FOLDER };
