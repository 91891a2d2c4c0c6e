'use strict';
// Workflow building blocks and HTTP helpers shared by the engine tests, the end-to-end suites,
// `npm start` and the bench: one way to write a node, a line of nodes, a callback post.
const { randomUUID } = require('node:crypto');
const http = require('node:http');
const path = require('node:path');

const fs = require('node:fs');

/** This package's name, from the nearest package.json above (also when run compiled, under .tmp/). */
function packageName() {
	for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const file = path.join(dir, 'package.json');
		if (!fs.existsSync(file)) continue;
		const { name, n8n } = JSON.parse(fs.readFileSync(file, 'utf8'));
		if (n8n) return name;
	}
	throw new Error('package.json of the node package not found');
}

const PACKAGE_NAME = packageName();

/**
 * Which of this repository's packages the toolkit installs into n8n: the combined one (default),
 * or with N8N_PACKAGES=single the two single-service packages side by side (the n8n Cloud shape).
 */
const SINGLE_PACKAGES = process.env.N8N_PACKAGES === 'single';
const INSTALLED_PACKAGES = SINGLE_PACKAGES
	? ['n8n-nodes-oy-indonesia', 'n8n-nodes-wappin']
	: [PACKAGE_NAME];
const oyPackage = SINGLE_PACKAGES ? 'n8n-nodes-oy-indonesia' : PACKAGE_NAME;
const wappinPackage = SINGLE_PACKAGES ? 'n8n-nodes-wappin' : PACKAGE_NAME;

/** This package's node types as n8n names them once the package is installed. */
const types = {
	oy: `${oyPackage}.oy`,
	oyTrigger: `${oyPackage}.oyTrigger`,
	wappin: `${wappinPackage}.wappin`,
	wappinTrigger: `${wappinPackage}.wappinTrigger`,
};

function workflowNode(name, type, parameters = {}, extra = {}) {
	return { id: randomUUID(), name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

/**
 * The parameters of the Wappin node that most tests and benches use: the payment_reminder
 * template to {{ $json.phone }}, with {{ $json.name }} and an invoice number.
 */
function paymentReminderParameters(options = {}) {
	return {
		resource: 'notification',
		operation: 'sendTemplate',
		recipientNumber: '={{ $json.phone }}',
		templateName: 'payment_reminder',
		bodyParameters: { parameter: [{ value: '={{ $json.name }}' }, { value: 'INV-1' }] },
		options,
	};
}

/**
 * The Wappin node's Send and Wait with Approve and Decline, as a text to `approver`; `extra`
 * parameters on top (another response type, a template, a limit).
 */
function approvalParameters(approver, message, extra = {}) {
	return {
		resource: 'message',
		operation: 'sendAndWait',
		recipientNumber: approver,
		message,
		approvalOptions: { values: { approvalType: 'double' } },
		...extra,
	};
}

/** Connections that run the named nodes one after another. */
function lineConnections(names) {
	const connections = {};
	names.forEach((name, index) => {
		const next = names[index + 1];
		if (next) connections[name] = { main: [[{ node: next, type: 'main', index: 0 }]] };
	});
	return connections;
}

/** A workflow of nodes connected one after another, laid out left to right. */
function chain(name, nodes) {
	nodes.forEach((node, index) => (node.position = [index * 240, 0]));
	const connections = lineConnections(nodes.map((node) => node.name));
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** The JSON of every item a node put out in its first run (empty when it did not run). */
function nodeOutput(execution, nodeName) {
	const runs = execution.data.resultData.runData[nodeName];
	return runs ? runs[0].data.main[0].map((item) => item.json) : [];
}

/** A "delivered" status callback with this message_id, as each trigger receives it. */
const deliveredCallback = {
	wappinTrigger: (sim, id) => ({
		...sim.wappinMessageCallback('6281234567890', '-'),
		message_id: id,
		callback_type: 'status',
		status_messages: 'delivered',
	}),
	oyTrigger: (_sim, id) => ({
		partner_tx_id: 'INV-001',
		message_id: id,
		whatsapp_number: '6281234567890',
		status: 'delivered',
	}),
};

/**
 * The items the node named "Trigger" emitted over these executions, in order. An execution that
 * ended at the trigger (a repeat another process or an earlier run took) adds none.
 */
function triggeredItems(executions) {
	return executions.flatMap((execution) => nodeOutput(execution, 'Trigger'));
}

// Node's fetch gives up on an answer whose headers take longer than this, whatever its signal says
const FETCH_HEADERS_LIMIT_MS = 300_000;

/** POSTs a body (an object is sent as JSON); answers { status, body } with the body as text. */
async function post(url, body, headers = {}, timeoutMs = 30000) {
	const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
	const allHeaders = { 'content-type': 'application/json', ...headers };
	if (timeoutMs >= FETCH_HEADERS_LIMIT_MS)
		return await postAndWait(url, payload, allHeaders, timeoutMs);
	const response = await fetch(url, {
		method: 'POST',
		headers: allHeaders,
		body: payload,
		signal: AbortSignal.timeout(timeoutMs),
	});
	return { status: response.status, body: await response.text() };
}

/** post() over node:http, for answers that take longer than fetch waits (a whole large execution). */
function postAndWait(url, payload, headers, timeoutMs) {
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers }, (response) => {
			const chunks = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () => {
				clearTimeout(timer);
				resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') });
			});
			response.on('error', reject);
		});
		const timer = setTimeout(
			() => request.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)),
			timeoutMs,
		);
		request.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		request.end(payload);
	});
}

/** The Send and Wait answer link in a sent WhatsApp text or template parameter. */
function answerLinkIn(text) {
	const found = String(text).match(/https?:\/\/\S+\/webhook-waiting\/\S+/);
	if (!found) throw new Error(`no answer link in: ${text}`);
	return found[0];
}

/**
 * Submits the answer page as a browser does (multipart POST to the link itself); fields are the
 * page's form fields, e.g. { approved: 'true' }. Answers { status, body }.
 */
async function submitAnswer(link, fields) {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields))
		for (const one of [].concat(value)) form.append(name, String(one));
	const response = await fetch(link, { method: 'POST', body: form, redirect: 'manual' });
	return { status: response.status, body: await response.text() };
}

/** Runs tasks with at most `limit` in flight; the results in task order. */
async function inParallel(limit, tasks) {
	const results = new Array(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const index = next++;
			results[index] = await tasks[index]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
	return results;
}

const pause = (ms) => new Promise((resolve) => setTimeout(() => resolve(true), ms));

/** Polls check() until it answers true; a check that throws counts as "not yet". */
async function waitFor(check, what, timeoutMs = 20000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			if (await check()) return;
		} catch {
			// not yet
		}
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await pause(100);
	}
}

module.exports = {
	PACKAGE_NAME,
	INSTALLED_PACKAGES,
	SINGLE_PACKAGES,
	types,
	workflowNode,
	paymentReminderParameters,
	approvalParameters,
	lineConnections,
	chain,
	nodeOutput,
	triggeredItems,
	deliveredCallback,
	post,
	answerLinkIn,
	submitAnswer,
	inParallel,
	pause,
	waitFor,
};
