'use strict';
// Installs (once, cached) and starts one real n8n with this repository's packed packages installed (N8N_PACKAGES),
// creates the owner and an API key, and leaves their details in .tmp/e2e/state.json for the tests.
const fs = require('node:fs');
const path = require('node:path');

const { N8N_VERSION, ensureN8n } = require('../../scripts/n8n/install');
const { launchN8n, ROOT } = require('../../scripts/n8n/instance');
const { INSTALLED_PACKAGES } = require('../../scripts/n8n/workflows');

const E2E_FOLDER = path.join(ROOT, '.tmp', 'e2e');
const STATE_FILE = path.join(E2E_FOLDER, 'state.json');

module.exports = async function globalSetup() {
	const log = (line) => process.stdout.write(`[e2e] ${line}\n`);
	const version = N8N_VERSION;
	const installed = await ensureN8n({ version, log });
	log(
		`starting n8n ${version} with ${INSTALLED_PACKAGES.join(' + ')} (log: ${path.join(E2E_FOLDER, 'n8n.log')})`,
	);
	const n8n = await launchN8n({ installed, folder: E2E_FOLDER });
	globalThis.__E2E_N8N__ = n8n;
	const { userFolder, cookie, apiKey, url, port, brokerPort, logFile } = n8n;
	fs.writeFileSync(
		STATE_FILE,
		JSON.stringify(
			{ version, installed, userFolder, url, port, brokerPort, logFile, cookie, apiKey },
			null,
			2,
		),
	);
	log('n8n ready');
};
module.exports.STATE_FILE = STATE_FILE;
