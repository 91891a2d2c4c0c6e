// Attack and load both triggers inside a real n8n: forged callbacks, malformed bodies, and a
// burst of distinct callbacks with repeats. Prints its figures; see the README's reliability section.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { N8nInstance } from '../../scripts/n8n/instance';
import { ROOT, launchN8n } from '../../scripts/n8n/instance';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { connect, inParallel, nodeOutput, post, types, waitFor, workflowNode } from './n8n';

const n8n = connect();
let sim: Simulator;
const SECRET = 'attack-suite-secret-91c2';
const figures: Array<[string, string]> = [];

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim?.close();
	process.stdout.write(`\nReliability figures (real n8n ${connect().installed.version}):\n`);
	for (const [name, value] of figures) process.stdout.write(`  ${name.padEnd(58)} ${value}\n`);
});

const triggerWorkflow = (type: string, parameters: Record<string, unknown>) =>
	n8n.triggerWorkflow(type, parameters);

const executionCount = async (workflowId: string) => (await n8n.executions(workflowId)).length;

/** The number of executions once it has stopped changing for 2 s (at least `atLeast`). */
const settledExecutionCount = async (workflowId: string, atLeast = 0) =>
	(await n8n.waitForExecutions(workflowId, { count: atLeast, quietMs: 2000, timeoutMs: 180000 }))
		.length;

const statusCallback = (messageId: string, status = 'delivered') => ({
	...sim.wappinMessageCallback('6281234567890', '-'),
	message_id: messageId,
	callback_type: 'status',
	status_messages: status,
});
const oyCallback = (messageId: string) => ({
	partner_tx_id: 'INV-001',
	message_id: messageId,
	whatsapp_number: '6281234567890',
	status: 'DELIVERED',
	timestamp: '2026-11-21T10:00:00+07:00',
});

describe.each([
	['wappinTrigger', () => statusCallback(`forged-${randomUUID()}`)],
	['oyTrigger', () => oyCallback(`forged-${randomUUID()}`)],
] as const)('%s: forged callbacks', (name, callback) => {
	test('100+ forgeries (missing or wrong secret, disallowed address, spoofed X-Forwarded-For): 0 executions, all 401/403', async () => {
		const type = types[name];
		// secret + an allow-list that holds only 203.0.113.7: 127.0.0.1 (where this test posts from) is not on it
		const locked = await triggerWorkflow(type, {
			options: { secret: SECRET, allowedIps: '203.0.113.7' },
		});
		const secretOnly = await triggerWorkflow(type, { options: { secret: SECRET } });
		const wrongSecrets = [
			'',
			'x',
			SECRET.slice(0, -1),
			`${SECRET} `,
			SECRET.toUpperCase(),
			`${SECRET}${SECRET}`,
			'null',
			'[object Object]',
		];
		const attempts: Array<() => Promise<{ status: number; body: string }>> = [];
		for (let i = 0; i < 40; i++) {
			const wrong = wrongSecrets[i % wrongSecrets.length];
			const body = JSON.stringify(callback());
			attempts.push(() => post(secretOnly.url, body)); // no secret
			attempts.push(() => post(`${secretOnly.url}?secret=${encodeURIComponent(wrong)}`, body));
			// HTTP trims spaces around header values, so "secret " in a header is the secret itself
			attempts.push(() =>
				post(secretOnly.url, body, {
					'x-callback-secret': wrong.trim() === SECRET ? `${SECRET}!` : wrong || '-',
				}),
			);
			// right secret, but from an address not on the list, claiming to be the allowed one
			attempts.push(() =>
				post(`${locked.url}?secret=${SECRET}`, body, {
					'x-forwarded-for': '203.0.113.7',
					'x-real-ip': '203.0.113.7',
				}),
			);
		}
		const answers = await inParallel(8, attempts);
		expect(answers).toHaveLength(160);
		const statuses = new Set(answers.map((a) => a.status));
		expect(answers.filter((a) => a.status !== 401 && a.status !== 403)).toEqual([]);
		for (const answer of answers) expect(answer.body).not.toContain(SECRET);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await executionCount(locked.id)).toBe(0);
		expect(await executionCount(secretOnly.id)).toBe(0);
		figures.push([
			`${name}: forged callbacks → executions`,
			`${answers.length} → 0 (answers ${[...statuses].sort().join('/')})`,
		]);
	});
});

/**
 * What a plain object inherits inside n8n's own process, where the bodies were parsed: n8n's
 * Rename Keys node reads a key with lodash get, which sees Object.prototype, and copies what it
 * finds onto a key of its own. An empty answer means none of the keys was polluted.
 */
async function inheritedInN8n(keys: string[]): Promise<Record<string, unknown>> {
	const probe = workflowNode('Probe', 'n8n-nodes-base.renameKeys', {
		keys: { key: keys.map((key) => ({ currentKey: key, newKey: `inherited_${key}` })) },
		additionalOptions: {},
	});
	const flow = await n8n.webhookWorkflow('Attack prototype probe', [probe]);
	const { status, body } = await flow.run([{}]);
	expect(status).toBe(200);
	return body[0];
}

/** 1,000+ bodies that are not proper callbacks, from many families of broken. */
function malformedBodies(
	valid: () => Record<string, unknown>,
): Array<{ body: string; contentType: string }> {
	const bodies: Array<{ body: string; contentType: string }> = [];
	const json = (value: unknown) =>
		bodies.push({ body: JSON.stringify(value), contentType: 'application/json' });
	const raw = (body: string, contentType = 'application/json') =>
		bodies.push({ body, contentType });
	const strange = [
		null,
		true,
		0,
		-1,
		1e308,
		'',
		' ',
		'-',
		'💥',
		'null',
		[],
		{},
		[1, 2],
		{ $ne: 1 },
		'\u0000',
		'a'.repeat(10000),
	];
	for (let i = 0; i < 70; i++) {
		const base = valid();
		const keys = Object.keys(base);
		const key = keys[i % keys.length];
		json({ ...base, [key]: strange[i % strange.length] }); // wrong types
		json({ ...base, message_id: undefined }); // missing the id
		json(
			JSON.parse(
				`{"__proto__": {"polluted": ${i}}, "constructor": {"prototype": {"polluted": true}}, "message_id": "p-${i}"}`,
			),
		);
		raw(
			`{"__proto__":{"isAdmin":true},"message_id":"proto-${i}","status_messages":"read","callback_type":"status"}`,
		);
		json([base, base]); // an array, not an object
		json(strange[i % strange.length]); // a bare value
		raw(`${JSON.stringify(base).slice(0, 10 + i)}`); // truncated JSON
		raw('<html><body>502 Bad Gateway</body></html>', 'text/html');
		raw(`message_id=${i}&status=read`, 'application/x-www-form-urlencoded');
		raw('', i % 2 ? 'application/json' : 'text/plain'); // empty
		json({ ...base, message_content: '🇮🇩 Halo — ÿ \u202e\u0301 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 '.repeat(1 + i) }); // unicode
		json({ ...base, message_id: `${'x'.repeat(200000)}-${i}` }); // huge string
		let deep: unknown = base;
		for (let d = 0; d < 200 + i * 10; d++) deep = { nested: deep };
		json(deep); // deep nesting
		raw(`${'['.repeat(5000 + i)}${']'.repeat(5000 + i)}`); // deeper than most parsers like
		json({ ...base, callback_type: ['status'], status_messages: { read: true } });
	}
	return bodies;
}

describe.each([
	['wappinTrigger', () => statusCallback(`m-${randomUUID()}`)],
	['oyTrigger', () => oyCallback(`m-${randomUUID()}`)],
] as const)('%s: malformed callbacks', (name, valid) => {
	test("1,000+ broken bodies: every answer 200, 400 or (invalid JSON) n8n's own 422; n8n healthy afterwards", async () => {
		const trigger = await triggerWorkflow(types[name], { options: { secret: SECRET } });
		const url = `${trigger.url}?secret=${SECRET}`;
		const bodies = malformedBodies(valid);
		expect(bodies.length).toBeGreaterThanOrEqual(1000);
		const started = Date.now();
		const answers = await inParallel(
			8,
			bodies.map(
				({ body, contentType }) =>
					() =>
						post(url, body, { 'content-type': contentType }),
			),
		);
		const seconds = (Date.now() - started) / 1000;
		const counts: Record<number, number> = {};
		for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
		const unexpected = answers.filter((a) => ![200, 400, 422].includes(a.status));
		expect(unexpected).toEqual([]);
		// n8n is still healthy and the trigger still works
		expect((await fetch(`${n8n.url}/healthz/readiness`)).status).toBe(200);
		const before = await settledExecutionCount(trigger.id);
		const good = valid();
		expect((await post(url, JSON.stringify(good))).status).toBe(200);
		expect(await settledExecutionCount(trigger.id, before + 1)).toBe(before + 1);
		expect(await inheritedInN8n(['polluted', 'isAdmin'])).toEqual({});
		figures.push([
			`${name}: malformed callbacks`,
			`${answers.length} in ${seconds.toFixed(1)} s, answers ${Object.entries(counts)
				.map(([s, c]) => `${s}×${c}`)
				.join(' ')}`,
		]);
	}, 300_000);
});

/**
 * 1,000 distinct Wappin callbacks + 300 exact repeats shuffled in, 32 in flight, to the Wappin
 * Trigger and then to n8n's own Webhook node on the same n8n; answers both rates.
 */
async function loadRates(target: N8nInstance) {
	// version 2, as the editor adds it: the secret in a callback credential
	const { wappinCallbackApi } = await target.createCallbackCredentials(SECRET, 'load');
	const trigger = await target.triggerWorkflow(
		types.wappinTrigger,
		{ events: ['status'], authentication: 'callbackSecret' },
		{ typeVersion: 2, credentials: { wappinCallbackApi } },
	);
	const distinct = Array.from({ length: 1000 }, (_, i) =>
		JSON.stringify(statusCallback(`load-${i}-${randomUUID()}`, 'read')),
	);
	const repeats = Array.from({ length: 300 }, (_, i) => distinct[(i * 7) % distinct.length]);
	// repeats shuffled in among the originals
	const bodies = [...distinct, ...repeats]
		.map((body, i) => ({ body, order: (i * 7919) % 1300 }))
		.sort((a, b) => a.order - b.order)
		.map(({ body }) => body);
	const url = `${trigger.url}?secret=${SECRET}`;
	let started = Date.now();
	const answers = await inParallel(
		32,
		bodies.map((body) => () => post(url, body)),
	);
	const ownSeconds = (Date.now() - started) / 1000;
	expect(answers.filter((a) => a.status !== 200 || a.body !== '{"status":"000"}')).toEqual([]);
	const all = await target.waitForExecutions(trigger.id, {
		count: 1000,
		quietMs: 2000,
		timeoutMs: 180000,
	});
	expect(all).toHaveLength(1000);
	const ids = all.map((e) => nodeOutput(e, 'Trigger')[0].message_id);
	expect(new Set(ids).size).toBe(1000);
	expect(all.every((e) => e.status === 'success')).toBe(true);

	// the same 1,300 requests to n8n's own Webhook node on the same instance
	const webhook = await target.plainWebhookWorkflow('Attack n8n Webhook node');
	const hookUrl = `${target.url}${webhook.path}`;
	await waitFor(async () => (await post(hookUrl, '{}')).status === 200, 'Webhook node');
	const warmup = (await target.waitForExecutions(webhook.id, { count: 1, quietMs: 2000 })).length;
	started = Date.now();
	const hookAnswers = await inParallel(
		32,
		bodies.map((body) => () => post(hookUrl, body)),
	);
	const webhookSeconds = (Date.now() - started) / 1000;
	expect(hookAnswers.every((a) => a.status === 200)).toBe(true);
	const hookExecutions = await target.waitForExecutions(webhook.id, {
		count: warmup + 1300,
		quietMs: 2000,
		timeoutMs: 180000,
	});
	expect(hookExecutions).toHaveLength(warmup + 1300);
	return { executions: all.length, own: 1300 / ownSeconds, theirs: 1300 / webhookSeconds };
}

describe('load', () => {
	test("1,000 distinct Wappin callbacks + 30 % exact repeats, concurrently: exactly 1,000 executions, with n8n's default and with lazy isolates", async () => {
		const byDefault = await loadRates(n8n);
		figures.push([
			'load: 1,300 Wappin callbacks (1,000 distinct) → executions',
			`${byDefault.executions} (none lost, none doubled)`,
		]);
		figures.push(['load: Wappin Trigger, callbacks per second', byDefault.own.toFixed(0)]);
		figures.push([
			"load: n8n's Webhook node, same requests, per second",
			byDefault.theirs.toFixed(0),
		]);
		figures.push([
			'load: Wappin Trigger / Webhook node',
			(byDefault.own / byDefault.theirs).toFixed(2),
		]);

		// n8n's own setting: an expression isolate only when an expression runs. The triggers evaluate
		// none per callback, so they then match the Webhook node.
		const lazy = await launchN8n({
			installed: n8n.installed,
			folder: path.join(ROOT, '.tmp', 'e2e-lazy'),
			extraEnv: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
		});
		try {
			const lazyRates = await loadRates(lazy);
			expect(lazyRates.executions).toBe(1000);
			const prefix = 'load, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true:';
			figures.push([`${prefix} Wappin Trigger per second`, lazyRates.own.toFixed(0)]);
			figures.push([`${prefix} Webhook node per second`, lazyRates.theirs.toFixed(0)]);
			figures.push([
				`${prefix} Trigger / Webhook node`,
				(lazyRates.own / lazyRates.theirs).toFixed(2),
			]);
			figures.push([
				'load: Wappin Trigger, lazy / default',
				(lazyRates.own / byDefault.own).toFixed(2),
			]);
		} finally {
			await lazy.stop();
		}
	}, 900_000);
});

test("no secret or token appears in n8n's log or in anything an execution produced", async () => {
	const secrets = [
		SECRET,
		'e2e-callback-secret-7f3a',
		'examples-callback-secret',
		sim.config.wappin.secretKey,
		sim.config.oy.apiKey,
	];
	const token = /Bearer|\b[0-9a-f]{64}\b/; // Wappin tokens are 64 hex digits
	const log = readFileSync(n8n.logFile, 'utf8');
	for (const secret of secrets) expect(log).not.toContain(secret);
	expect(log).not.toMatch(token);
	// every execution of every workflow: items, errors, descriptions (the workflow's own parameters,
	// where the trigger's Secret is typed, are not part of what runs produce)
	const workflows = await n8n.api('GET', '/workflows?limit=250');
	let scanned = 0;
	for (const workflow of workflows.data) {
		for (const execution of await n8n.executions(workflow.id)) {
			const text = JSON.stringify(execution.data?.resultData ?? {});
			for (const secret of secrets) expect(text).not.toContain(secret);
			expect(text).not.toMatch(token);
			scanned += text.length;
		}
	}
	figures.push([
		'secrets: bytes of log and execution data scanned, secrets found',
		`${scanned + log.length}, 0`,
	]);
});
