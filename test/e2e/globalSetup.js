'use strict';
// Installs (once, cached) and starts one real n8n with this package installed from its tarball,
// creates the owner and an API key, and leaves their details in .tmp/e2e/state.json for the tests.
const fs = require('node:fs');
const path = require('node:path');

const { ensureN8n } = require('../../scripts/n8n/install');
const {
	N8nInstance,
	freePortPair,
	packPackage,
	installPackage,
	ROOT,
} = require('../../scripts/n8n/instance');

const E2E_FOLDER = path.join(ROOT, '.tmp', 'e2e');
const STATE_FILE = path.join(E2E_FOLDER, 'state.json');

module.exports = async function globalSetup() {
	const log = (line) => process.stdout.write(`[e2e] ${line}\n`);
	const version = process.env.N8N_VERSION || '2.41.1';
	const installed = await ensureN8n({ version, log });
	fs.rmSync(E2E_FOLDER, { recursive: true, force: true });
	const userFolder = path.join(E2E_FOLDER, 'n8n-user');
	fs.mkdirSync(userFolder, { recursive: true });
	const tarball = packPackage(path.join(E2E_FOLDER, 'pkg'));
	await installPackage(userFolder, tarball);
	const n8n = new N8nInstance({
		installed,
		userFolder,
		port: await freePortPair(),
		brokerPort: await freePortPair(),
		logFile: path.join(E2E_FOLDER, 'n8n.log'),
	});
	globalThis.__E2E_N8N__ = n8n;
	log(`starting n8n ${version} on ${n8n.url} (log: ${n8n.logFile})`);
	try {
		await n8n.start();
		await n8n.setupOwner();
	} catch (error) {
		await n8n.stop();
		throw error;
	}
	const { cookie, apiKey, url, port, brokerPort, logFile } = n8n;
	fs.writeFileSync(
		STATE_FILE,
		JSON.stringify(
			{ version, installed, userFolder, url, port, brokerPort, logFile, cookie, apiKey, tarball },
			null,
			2,
		),
	);
	log('n8n ready');
};
module.exports.STATE_FILE = STATE_FILE;
