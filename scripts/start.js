#!/usr/bin/env node
'use strict';
// `npm start`: the whole thing on this machine. Builds are done by the npm script; this installs
// n8n once (cached), starts the OY!/Wappin simulator and n8n with this package installed,
// creates both credentials (pointing at the simulator) and imports the example workflows.
// Ctrl-C stops everything. Your workflows stay in .tmp/local-n8n for the next start.
const fs = require('node:fs');
const path = require('node:path');

const { startSimulator } = require('../test/simulator');
const { ensureN8n } = require('./n8n/install');
const { N8nInstance, installPackage, ROOT } = require('./n8n/instance');
const { importExamples } = require('./n8n/examples');

const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const SIMULATOR_PORT = Number(process.env.SIMULATOR_PORT || 4010);
const { INSTALLED_PACKAGES, SINGLE_PACKAGES } = require('./n8n/workflows');

// N8N_PACKAGES=single runs the two single-service packages, in a folder of their own
const LOCAL = path.join(ROOT, '.tmp', SINGLE_PACKAGES ? 'local-n8n-single' : 'local-n8n');
const STATE_FILE = path.join(LOCAL, 'start-state.json');
const CALLBACK_SECRET = 'local-demo-callback-secret';

const say = (line) => console.log(`[start] ${line}`);

async function main() {
	const installed = await ensureN8n({ log: say });
	const userFolder = path.join(LOCAL, 'user');
	fs.mkdirSync(userFolder, { recursive: true });
	say(`installing ${INSTALLED_PACKAGES.join(' and ')} the way n8n installs community packages…`);
	await installPackage(userFolder);

	const sim = await startSimulator({ port: SIMULATOR_PORT, statusStepMs: 1500, latencyMs: 80 });
	const n8n = new N8nInstance({
		installed,
		userFolder,
		port: N8N_PORT,
		brokerPort: N8N_PORT + 100,
		logFile: path.join(LOCAL, 'n8n.log'),
	});
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		say('stopping n8n and the simulator…');
		await Promise.allSettled([n8n.stop(), sim.close()]);
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	say(
		`starting n8n ${installed.version} on ${n8n.url} (log: ${path.relative(ROOT, n8n.logFile)})…`,
	);
	try {
		await n8n.start();
	} catch (error) {
		await sim.close();
		throw error;
	}
	const owner = await n8n.setupOwner();

	const state = fs.existsSync(STATE_FILE) ? JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) : {};
	if (!state.credentials) {
		state.credentials = {
			...(await n8n.createSimulatorCredentials(sim, 'local simulator')),
			...(await n8n.createCallbackCredentials(CALLBACK_SECRET, 'local simulator')),
		};
		say('importing the example workflows…');
		state.examples = await importExamples(n8n, state.credentials);
		fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
	}
	const callbackUrls = Object.assign({}, ...state.examples.map((example) => example.callbackUrls));
	const mcpUrl = state.examples.find((example) => example.mcpUrl)?.mcpUrl;
	const approvalUrl = state.examples.find((example) => example.webhookUrl)?.webhookUrl;
	sim.configure({
		callbackUrls: {
			oy: callbackUrls.oyTrigger && `${callbackUrls.oyTrigger}?secret=${CALLBACK_SECRET}`,
			wappin:
				callbackUrls.wappinTrigger && `${callbackUrls.wappinTrigger}?secret=${CALLBACK_SECRET}`,
			oyPayment: callbackUrls.oyPayment && `${callbackUrls.oyPayment}?secret=${CALLBACK_SECRET}`,
		},
	});

	console.log(`
n8n is running with ${INSTALLED_PACKAGES.join(' and ')} installed.

  Editor:    ${n8n.url}
  Login:     ${owner.email} / ${owner.password}
  Simulator: ${sim.url} (OY! and Wappin APIs; the credentials "OY! (local simulator)" and
             "Wappin (local simulator)" point at it)

Example workflows (Overview → Workflows):
${state.examples.map((example) => `  - ${example.name}`).join('\n')}

Try it: open "Wappin payment reminders to many customers" and click "Execute workflow"; open
"OY! invoice link…" and execute it, then watch its delivery statuses arrive under Executions.
Collect a payment over WhatsApp: execute "Collect a payment over WhatsApp…" (it creates an OY!
payment link and sends it by WhatsApp), then pay the newest link as the customer would; the
payment callback starts its second part, which thanks the customer on WhatsApp (Wappin):
  curl -X POST ${sim.url}/__sim/pay -H 'content-type: application/json' -d '{"settlement":"realtime"}'
  ("settlement":"delayed" sends OY!'s two "complete" callbacks; the trigger runs once)
Send the chatbot a WhatsApp message from the simulator:
  curl -X POST ${sim.url}/__sim/incoming-message -H 'content-type: application/json' -d '{"from":"6281234567890","text":"mau bayar"}'
${
	approvalUrl
		? `Ask for a payout approval over WhatsApp, then open the link the approver got (Send and Wait):
  curl -X POST ${approvalUrl} -H 'content-type: application/json' -d '{"payee":"0857-1111-2222","amount":"Rp 2.500.000","approver":"0812-3456-7890"}'
  curl -s ${sim.url}/__sim/requests | grep -o 'http[^"]*webhook-waiting[^"]*' | tail -1
`
		: ''
}${mcpUrl ? `Connect an MCP client (or an AI Agent node's MCP Client tool) to the WhatsApp tools:\n  ${mcpUrl}\n` : ''}
Ctrl-C stops n8n and the simulator.`);
}

main().catch((error) => {
	console.error(`[start] ${error.message}`);
	process.exit(1);
});
