import type { INode } from 'n8n-workflow';

import { post } from '../../scripts/n8n/workflows';
import type { TriggerServer } from '../harness';
import { credentialsHelper, node, startTriggerServer } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

let sim: Simulator;
const servers: TriggerServer[] = [];

beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 5, wappinCallbackRetryDelayMs: 5 });
});
afterAll(async () => {
	await Promise.all(servers.map((s) => s.close()));
	await sim.close();
});
afterEach(() => sim.configure({ callbackUrls: { oy: undefined, wappin: undefined } }));

let webhookCounter = 0;
async function serve(type: 'wappinTrigger' | 'oyTrigger', parameters: INode['parameters']) {
	const trigger = node('Trigger', type, parameters, { webhookId: `hook-${++webhookCounter}` });
	const server = await startTriggerServer({
		nodes: [trigger, node('After', 'test.start')],
		connections: { Trigger: { main: [[{ node: 'After', type: 'main', index: 0 }]] } },
		trigger: 'Trigger',
		credentials: credentialsHelper({}),
	});
	servers.push(server);
	return server;
}

const outputs = (server: TriggerServer) => server.executions.map((e) => e.output('After')[0].json);

const wappinStatus = (messageId: string, status: string, extra = {}) => ({
	message_id: messageId,
	client_id: '0070',
	client_name: 'n8n-demo',
	project_id: '476',
	project_name: 'N8N-DEMO',
	sender_number: '6281234567890',
	status_messages: status,
	message_content: '-',
	environment: 'PRODUCTION',
	timestamp: '1557915512',
	callback_type: 'status',
	...extra,
});

describe('Wappin Trigger', () => {
	test('a status callback from the simulator becomes the documented item, answered {"status":"000"}', async () => {
		const server = await serve('wappinTrigger', { events: ['status', 'message'] });
		sim.configure({ callbackUrls: { wappin: server.url } });
		const record = await sim.postCallback('wappin', wappinStatus('5cdbe7774a059', 'delivered'));
		await server.idle();
		expect(record.attempts).toEqual([{ status: 200, body: '{"status":"000"}' }]);
		expect(outputs(server)).toEqual([
			{
				...wappinStatus('5cdbe7774a059', 'delivered'),
				event: 'status',
				status: 'delivered',
				received_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			},
		]);
	});

	test('the documented spellings are read too (status_message, environtment, "project id")', async () => {
		const server = await serve('wappinTrigger', { events: ['status'] });
		const documented = {
			message_id: 'doc-1',
			client_id: '0009',
			'project id': '16',
			status_message: 'READ',
			environtment: 'PRODUCTION',
			callback_type: 'status',
		};
		expect(await post(server.url, documented)).toEqual({ status: 200, body: '{"status":"000"}' });
		await server.idle();
		expect(outputs(server)[0]).toMatchObject({
			status: 'read',
			project_id: '16',
			environment: 'PRODUCTION',
			event: 'status',
		});
	});

	test('an incoming chat message', async () => {
		const server = await serve('wappinTrigger', { events: ['message'] });
		const record = await sim.sendIncomingMessage('628989229471', 'halo', { url: server.url });
		await server.idle();
		expect(record.attempts[0].body).toBe('{"status":"000"}');
		expect(outputs(server)).toEqual([
			expect.objectContaining({
				event: 'message',
				status: 'received',
				message_content: 'halo',
				sender_number: '628989229471',
			}),
		]);
	});

	test('a callback retried 4 times starts 1 execution and gets 4 answers of {"status":"000"}', async () => {
		const server = await serve('wappinTrigger', { events: ['status'] });
		const callback = wappinStatus('retry-1', 'read');
		const answers = [];
		for (let i = 0; i < 4; i++) answers.push(await post(server.url, callback));
		await server.idle();
		expect(answers).toEqual(Array(4).fill({ status: 200, body: '{"status":"000"}' }));
		expect(server.executions).toHaveLength(1);
	});

	test('concurrent duplicates are folded too', async () => {
		const server = await serve('wappinTrigger', { events: ['status'] });
		const answers = await Promise.all(
			Array.from(
				{ length: 10 },
				async () => await post(server.url, wappinStatus('race-1', 'sent')),
			),
		);
		await server.idle();
		expect(answers.every((a) => a.status === 200)).toBe(true);
		expect(server.executions).toHaveLength(1);
	});

	test('sent, delivered and read of one message are 3 executions', async () => {
		const server = await serve('wappinTrigger', { events: ['status'] });
		for (const status of ['sent', 'delivered', 'read'])
			await post(server.url, wappinStatus('m-3', status));
		await server.idle();
		expect(outputs(server).map((o) => o.status)).toEqual(['sent', 'delivered', 'read']);
	});

	test('statuses and events not picked are acknowledged and dropped', async () => {
		const server = await serve('wappinTrigger', { events: ['status'], statuses: ['failed'] });
		expect(await post(server.url, wappinStatus('f-1', 'read'))).toEqual({
			status: 200,
			body: '{"status":"000"}',
		});
		expect(
			(
				await post(server.url, {
					message_id: 'in-1',
					status_messages: '-',
					message_content: 'hi',
					callback_type: 'message',
				})
			).status,
		).toBe(200);
		expect(await post(server.url, wappinStatus('f-1', 'failed'))).toEqual({
			status: 200,
			body: '{"status":"000"}',
		});
		await server.idle();
		expect(outputs(server).map((o) => o.status)).toEqual(['failed']);
	});

	test('the real flow: sends through the simulator post sent → delivered → read', async () => {
		const server = await serve('wappinTrigger', { events: ['status'] });
		sim.configure({ callbackUrls: { wappin: server.url } });
		const { clientId, secretKey } = sim.config.wappin;
		const token = await fetch(`${sim.url}/v1/token/get`, {
			method: 'POST',
			headers: {
				authorization: `Basic ${Buffer.from(`${clientId}:${secretKey}`).toString('base64')}`,
			},
		}).then(
			async (r) => ((await r.json()) as { data: { access_token: string } }).data.access_token,
		);
		await fetch(`${sim.url}/v1/message/do-send`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				client_id: '0070',
				project_id: '476',
				recipient_number: '081234567890',
				message_content: 'hi',
			}),
		});
		await sim.settle();
		await server.idle();
		// three callbacks on three sockets: nothing (not Wappin, not n8n) promises their order
		expect(server.executions).toHaveLength(3);
		const statuses = outputs(server).map((o) => o.status);
		expect(statuses.sort()).toEqual(['delivered', 'read', 'sent']);
		expect(new Set(outputs(server).map((o) => o.message_id)).size).toBe(1);
	});
});

describe('guard: secret, allowed IPs, malformed bodies', () => {
	test.each([
		['no secret', '', {}],
		['a wrong secret in the query', '?secret=wrong', {}],
		['a wrong secret in the header', '', { 'x-callback-secret': 'wrong' }],
	])('%s → 401 and no execution', async (_name, query, headers) => {
		const server = await serve('wappinTrigger', {
			events: ['status'],
			options: { secret: 's3cret-value' },
		});
		const forged = await sim.postCallback('wappin', wappinStatus('forged-1', 'read'), {
			url: server.url + query,
			headers,
			retry: false,
		});
		await server.idle();
		expect(forged.attempts[0].status).toBe(401);
		expect(forged.attempts[0].body).not.toContain('s3cret');
		expect(server.executions).toHaveLength(0);
	});

	test('the right secret, in the query or the header, is accepted', async () => {
		const server = await serve('oyTrigger', { options: { secret: 's3cret-value' } });
		expect(
			(await post(`${server.url}?secret=s3cret-value`, { message_id: 'a', status: 'sent' })).status,
		).toBe(200);
		expect(
			(
				await post(
					server.url,
					{ message_id: 'b', status: 'sent' },
					{ 'X-Callback-Secret': 's3cret-value' },
				)
			).status,
		).toBe(200);
		await server.idle();
		expect(server.executions).toHaveLength(2);
	});

	test('an address outside the allowed list → 403 and no execution; inside → accepted', async () => {
		const outside = await serve('oyTrigger', {
			options: { allowedIps: '203.0.113.0/24, 2001:db8::/32' },
		});
		expect((await post(outside.url, { message_id: 'x', status: 'read' })).status).toBe(403);
		await outside.idle();
		expect(outside.executions).toHaveLength(0);

		const inside = await serve('oyTrigger', { options: { allowedIps: '10.0.0.1, 127.0.0.0/8' } });
		expect((await post(inside.url, { message_id: 'x', status: 'read' })).status).toBe(200);
		await inside.idle();
		expect(inside.executions).toHaveLength(1);
	});

	test('an invalid allowed-IPs setting refuses everything rather than nothing', async () => {
		const server = await serve('oyTrigger', { options: { allowedIps: '127.0.0.1, not-an-ip' } });
		const answer = await post(server.url, { message_id: 'x', status: 'read' });
		expect(answer.status).toBe(403);
		expect(answer.body).toMatch(/not valid/);
	});

	test.each([
		['a JSON array', [1, 2]],
		['a JSON string', '"text"'],
		['an object without message_id', { status: 'read' }],
		['a message_id of the wrong type', { message_id: { nested: true }, status: 'read' }],
		['an unknown callback_type', { message_id: 'x', callback_type: 'other' }],
		['an empty object', {}],
	])('%s → 400 and no execution', async (_name, body) => {
		const server = await serve('wappinTrigger', { events: ['status', 'message'] });
		const answer = await post(server.url, body);
		await server.idle();
		expect(answer.status).toBe(400);
		expect(server.executions).toHaveLength(0);
	});

	test('prototype-pollution keys are kept as plain data and harm nothing', async () => {
		const server = await serve('oyTrigger', {});
		const answer = await post(
			server.url,
			'{"message_id":"p-1","status":"read","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
		);
		await server.idle();
		expect(answer.status).toBe(200);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(server.executions).toHaveLength(1);
	});
});

describe('OY! Indonesia Trigger', () => {
	test('callbacks from the simulator after a send-link, with status filter', async () => {
		const server = await serve('oyTrigger', { statuses: ['delivered', 'read'] });
		sim.configure({ callbackUrls: { oy: server.url } });
		const response = await fetch(`${sim.url}/api/whatsapp/send-link`, {
			method: 'POST',
			headers: {
				'x-oy-username': 'oy-demo',
				'x-api-key': 'oy-demo-api-key',
				'content-type': 'application/json',
			},
			body: JSON.stringify({ partner_tx_id: 'INV-002', whatsapp_number: '6281234567890' }),
		});
		const { data } = (await response.json()) as { data: { message_id: string } };
		await sim.settle();
		await server.idle();
		// callbacks on separate sockets may start their executions in any order
		const byStatus = (a: { status?: unknown }, b: { status?: unknown }) =>
			String(a.status).localeCompare(String(b.status));
		expect(outputs(server).sort(byStatus)).toEqual([
			{
				partner_tx_id: 'INV-002',
				whatsapp_number: '6281234567890',
				message_id: data.message_id,
				status: 'delivered',
				event: 'status',
				received_at: expect.any(String),
			},
			{
				partner_tx_id: 'INV-002',
				whatsapp_number: '6281234567890',
				message_id: data.message_id,
				status: 'read',
				event: 'status',
				received_at: expect.any(String),
			},
		]);
		const oyCallbacks = sim.callbacks.filter((c) => c.provider === 'oy');
		expect(oyCallbacks.map((c) => c.payload.status).sort()).toEqual(['delivered', 'read', 'sent']);
		for (const callback of oyCallbacks) expect(callback.attempts[0].status).toBe(200);
	});

	test('answers 200 with a JSON body, folds repeats', async () => {
		const server = await serve('oyTrigger', {});
		const first = await post(server.url, {
			partner_tx_id: 'T',
			whatsapp_number: '62812',
			message_id: 'oy-1',
			status: 'SENT',
		});
		const again = await post(server.url, {
			partner_tx_id: 'T',
			whatsapp_number: '62812',
			message_id: 'oy-1',
			status: 'sent',
		});
		await server.idle();
		expect(first).toEqual({ status: 200, body: '{"status":true,"message":"Callback received"}' });
		expect(again.status).toBe(200);
		expect(outputs(server).map((o) => o.status)).toEqual(['sent']);
	});
});
