// Both triggers inside a real n8n: activated workflows, real callbacks from the simulator (status
// callbacks caused by real sends, Wappin's retries, repeats, forgeries), the executions n8n recorded
// and the answers the simulator got.
import { randomUUID } from 'node:crypto';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import type { SavedCredentials } from './n8n';
import { connect, nodeOutput, types, waitFor, workflowNode } from './n8n';

const n8n = connect();
let sim: Simulator;
let credentials: SavedCredentials;
const SECRET = 'e2e-callback-secret-7f3a';

beforeAll(async () => {
	sim = await startSimulator({
		statusStepMs: 20,
		wappinCallbackRetries: 5,
		wappinCallbackRetryDelayMs: 1000,
	});
	credentials = await n8n.createSimulatorCredentials(sim, 'triggers');
});
afterAll(async () => {
	await sim?.close();
});

/** Executions in the order they were started, once `count` have finished and no more came. */
const executionsOf = (workflowId: string, count: number) =>
	n8n.waitForExecutions(workflowId, { count });

const outputsOf = (executions: any[]) =>
	executions.map((execution) => nodeOutput(execution, 'Trigger')[0]);

describe('Wappin Trigger', () => {
	test('a real send posts sent → delivered → read; each is one execution, answered {"status":"000"} (version 1 node, as saved before 1.1)', async () => {
		const trigger = await n8n.triggerWorkflow(
			types.wappinTrigger,
			{ events: ['status', 'message'], options: { secret: SECRET } },
			{ typeVersion: 1 },
		);
		sim.configure({ callbackUrls: { wappin: `${trigger.url}?secret=${SECRET}` } });
		const send = await n8n.webhookWorkflow('E2E Wappin send for callbacks', [
			workflowNode(
				'Wappin',
				types.wappin,
				{
					resource: 'message',
					operation: 'sendText',
					recipientNumber: '6281234567890',
					text: 'Halo',
				},
				{
					credentials: { wappinApi: credentials.wappinApi },
				},
			),
		]);
		const sent = await send.run([{}]);
		expect(sent.status).toBe(200);
		const messageId = sent.body[0].message_id;
		await sim.settle();

		const executions = await executionsOf(trigger.id, 3);
		expect(executions).toHaveLength(3);
		expect(executions.every((e) => e.status === 'success')).toBe(true);
		// three callbacks 20 ms apart may start their executions in any order
		expect(
			outputsOf(executions)
				.map((o) => [o.message_id, o.event, o.status])
				.sort(),
		).toEqual([
			[messageId, 'status', 'delivered'],
			[messageId, 'status', 'read'],
			[messageId, 'status', 'sent'],
		]);
		const records = sim.callbacks.filter((c) => c.payload.message_id === messageId);
		expect(records.map((r) => r.attempts)).toEqual(
			Array(3).fill([{ status: 200, body: '{"status":"000"}' }]),
		);

		// Wappin posts the same callback again when it missed the answer: acknowledged, not run again
		const repeat = sim.wappinStatusCallback(messageId, 'read');
		for (let i = 0; i < 3; i++) {
			const record = await sim.postCallback('wappin', repeat);
			expect(record.attempts).toEqual([{ status: 200, body: '{"status":"000"}' }]);
		}
		// an incoming chat message
		await sim.sendIncomingMessage('628989229471', 'halo, saya mau bayar');
		const after = await executionsOf(trigger.id, 4);
		expect(after).toHaveLength(4);
		expect(outputsOf(after)[3]).toMatchObject({
			event: 'message',
			status: 'received',
			message_content: 'halo, saya mau bayar',
			sender_number: '628989229471',
		});
	});

	test("Wappin's retries: a callback refused while the workflow is off is delivered once it is on, once", async () => {
		const trigger = await n8n.triggerWorkflow(
			types.wappinTrigger,
			{ events: ['status'], options: { secret: SECRET } },
			{ active: false },
		);
		const callback = {
			...sim.wappinMessageCallback('6281234567890', '-'),
			message_id: `retry-${randomUUID()}`,
			callback_type: 'status',
			status_messages: 'delivered',
		};
		const delivery = sim.postCallback('wappin', callback, {
			url: `${trigger.url}?secret=${SECRET}`,
		});
		await waitFor(
			() =>
				sim.callbacks.some(
					(c) => c.payload.message_id === callback.message_id && c.attempts.length >= 1,
				),
			'first attempt',
		);
		await n8n.activateWebhook(trigger.id, trigger.url);
		const record = await delivery;
		expect(record.attempts[0].status).toBe(404);
		expect(record.attempts.at(-1)).toEqual({ status: 200, body: '{"status":"000"}' });
		const executions = await executionsOf(trigger.id, 1);
		expect(executions).toHaveLength(1);
		expect(outputsOf(executions)[0]).toMatchObject({
			message_id: callback.message_id,
			status: 'delivered',
		});
	});

	test('forged callbacks (no secret, wrong secret, secret in the wrong place) start nothing', async () => {
		const trigger = await n8n.triggerWorkflow(types.wappinTrigger, {
			events: ['status', 'message'],
			options: { secret: SECRET },
		});
		const forged = {
			...sim.wappinMessageCallback('6281234567890', 'transfer now'),
			message_id: 'forged-1',
		};
		const attempts = [
			{ url: trigger.url },
			{ url: `${trigger.url}?secret=wrong-secret` },
			{ url: trigger.url, headers: { 'x-callback-secret': `${SECRET}x` } },
			{ url: `${trigger.url}?secret=${SECRET.slice(0, -1)}` },
		];
		for (const attempt of attempts) {
			const record = await sim.postCallback('wappin', forged, { ...attempt, retry: false });
			expect([401, 403]).toContain(record.attempts[0].status);
			expect(record.attempts[0].body).not.toContain(SECRET);
		}
		// the right secret in the header is accepted
		const good = await sim.postCallback('wappin', forged, {
			url: trigger.url,
			headers: { 'x-callback-secret': SECRET },
		});
		expect(good.attempts).toEqual([{ status: 200, body: '{"status":"000"}' }]);
		const executions = await executionsOf(trigger.id, 1);
		expect(executions).toHaveLength(1);
	});

	test('a callback without a Content-Type header is still read (n8n leaves such bodies unparsed)', async () => {
		const trigger = await n8n.triggerWorkflow(types.wappinTrigger, {
			events: ['status'],
			options: { secret: SECRET },
		});
		const body = JSON.stringify({
			message_id: `no-type-${randomUUID()}`,
			callback_type: 'status',
			status_messages: 'read',
		});
		const response = await fetch(`${trigger.url}?secret=${SECRET}`, {
			method: 'POST',
			body: Buffer.from(body),
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('{"status":"000"}');
		const executions = await executionsOf(trigger.id, 1);
		expect(outputsOf(executions)[0]).toMatchObject({ status: 'read', event: 'status' });
	});
});

describe('OY Trigger', () => {
	test('a link sent through the OY! node comes back as status callbacks, one execution each', async () => {
		const trigger = await n8n.triggerWorkflow(types.oyTrigger, { options: { secret: SECRET } });
		sim.configure({ callbackUrls: { oy: `${trigger.url}?secret=${SECRET}` } });
		const send = await n8n.webhookWorkflow('E2E OY send for callbacks', [
			workflowNode(
				'OY',
				types.oy,
				{
					resource: 'whatsapp',
					operation: 'sendLink',
					partnerTxId: 'INV-001',
					whatsappNumber: '081234567890',
				},
				{
					credentials: { oyApi: credentials.oyApi },
				},
			),
		]);
		const sent = await send.run([{}]);
		expect(sent.status).toBe(200);
		await sim.settle();
		const records = sim.callbacks.filter((c) => c.provider === 'oy');
		expect(records.map((r) => r.payload.status).sort()).toEqual(['delivered', 'read', 'sent']);
		for (const record of records) expect(record.attempts[0].status).toBe(200);
		const executions = await executionsOf(trigger.id, 3);
		expect(executions).toHaveLength(3);
		expect(
			outputsOf(executions)
				.map((o) => o.status)
				.sort(),
		).toEqual(['delivered', 'read', 'sent']);
		for (const output of outputsOf(executions))
			expect(output).toMatchObject({ partner_tx_id: 'INV-001', event: 'status' });

		const forged = await sim.postCallback('oy', records[0].payload, { url: trigger.url });
		expect([401, 403]).toContain(forged.attempts[0].status);
		expect(await n8n.waitForExecutions(trigger.id)).toHaveLength(3);
	});
});
