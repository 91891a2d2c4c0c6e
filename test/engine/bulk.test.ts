import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { credentialsHelper, node, runWorkflow } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 1000 });
});
afterAll(async () => sim.close());
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
	sim.configure({ latencyMs: 0, latencyJitterMs: 0 });
	sim.counters.maxInFlight = 0;
});

const wappin = () => ({ wappinApi: sim.credentialData().wappinApi });
const oy = () => ({ oyApi: sim.credentialData().oyApi });

const numbers = (count: number): INodeExecutionData[] =>
	Array.from({ length: count }, (_, i) => ({ json: { phone: `0812000${String(10000 + i)}` } }));

async function sendTexts(items: INodeExecutionData[], options: INodeParameters, extra = {}) {
	return await runWorkflow({
		nodes: [
			node('Start', 'test.start'),
			node(
				'Wappin',
				'wappin',
				{
					resource: 'message',
					operation: 'sendText',
					recipientNumber: '={{ $json.phone }}',
					text: 'hi',
					options,
				},
				extra,
			),
		],
		credentials: credentialsHelper(wappin()),
		items,
	});
}

test('under concurrency, output order and pairing follow the input even when answers come back out of order', async () => {
	sim.configure({ latencyMs: 5, latencyJitterMs: 40 });
	const items = numbers(40);
	const result = await sendTexts(items, { concurrency: 8 });
	expect(result.run.status).toBe('success');
	const out = result.output('Wappin');
	expect(out).toHaveLength(40);
	out.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		expect(sim.messages.get(item.json.message_id as string).recipient).toBe(
			`62812000${String(10000 + i)}`,
		);
	});
	expect(sim.counters.maxInFlight).toBeGreaterThan(1);
	expect(sim.counters.maxInFlight).toBeLessThanOrEqual(8);
});

test('OY! too: order and pairing kept under concurrency', async () => {
	sim.configure({ latencyJitterMs: 30 });
	const items = Array.from({ length: 20 }, (_, i) => ({ json: { tx: `BULK-${i}` } }));
	const result = await runWorkflow({
		nodes: [
			node('Start', 'test.start'),
			node('OY', 'oy', {
				resource: 'whatsapp',
				operation: 'sendLink',
				partnerTxId: '={{ $json.tx }}',
				whatsappNumber: '081234567890',
				options: { concurrency: 6 },
			}),
		],
		credentials: credentialsHelper(oy()),
		items,
	});
	expect(result.output('OY').map((o) => o.json.partner_tx_id)).toEqual(items.map((i) => i.json.tx));
});

test('a 429 with Retry-After and a 503 are retried and the item succeeds', async () => {
	sim.fault('/v1/message/do-send', {
		type: 'status',
		status: 429,
		retryAfter: 0,
		body: { status: '429', message: 'Too Many Requests' },
	});
	sim.fault('/v1/message/do-send', { type: 'status', status: 503, retryAfter: 0 });
	const result = await sendTexts(numbers(1), {});
	expect(result.run.status).toBe('success');
	expect(result.output('Wappin')[0].json.status).toBe('200');
	expect(sim.requestsTo('/v1/message/do-send')).toHaveLength(3);
});

test('retries stop at Max Tries', async () => {
	sim.fault('/v1/message/do-send', { type: 'status', status: 503, retryAfter: 0, times: 5 });
	const result = await sendTexts(numbers(1), { maxTries: 2 });
	expect(result.errorOf('Wappin')!.message).toBe('Wappin error 503: Simulated error');
	expect(sim.requestsTo('/v1/message/do-send')).toHaveLength(2);
});

test('a timeout after sending is not retried, and says the message may have been sent', async () => {
	sim.fault('/v1/message/do-send', { type: 'hang' });
	const result = await sendTexts(numbers(1), { timeoutSeconds: 1 });
	const error = result.errorOf('Wappin')!;
	expect(error.message).toMatch(
		/did not answer in time\. The request may have been received, so it was not sent again/,
	);
	expect(sim.requestsTo('/v1/message/do-send')).toHaveLength(1);
});

test('a connection reset mid-answer is not retried', async () => {
	sim.fault('/v1/message/do-send', { type: 'reset' });
	const result = await sendTexts(numbers(1), {});
	expect(result.errorOf('Wappin')!.message).toMatch(
		/may have been received, so it was not sent again/,
	);
	expect(sim.requestsTo('/v1/message/do-send')).toHaveLength(1);
});

test('a 500 is not retried', async () => {
	sim.fault('/v1/message/do-send', {
		type: 'status',
		status: 500,
		body: { status: '500', message: 'Internal error' },
	});
	const result = await sendTexts(numbers(1), {});
	expect(result.errorOf('Wappin')!.description).toMatch(/may or may not have been sent/);
	expect(sim.requestsTo('/v1/message/do-send')).toHaveLength(1);
});

test('a refused connection is retried (nothing was sent) and then reported', async () => {
	const result = await runWorkflow({
		nodes: [
			node('Start', 'test.start'),
			node('OY', 'oy', {
				resource: 'whatsapp',
				operation: 'sendLink',
				partnerTxId: 'INV-001',
				whatsappNumber: '081234567890',
				options: { maxTries: 2 },
			}),
		],
		credentials: credentialsHelper({ oyApi: { ...oy().oyApi, baseUrl: 'http://127.0.0.1:9' } }),
	});
	expect(result.errorOf('OY')!.message).toBe(
		'The provider could not be reached (connection refused); nothing was sent.',
	);
});

test('without "continue on fail", no item starts after a failure and the error names the item', async () => {
	const items = numbers(10);
	items[3] = { json: { phone: '6280000000000' } };
	const result = await sendTexts(items, { concurrency: 1 });
	expect(result.run.status).toBe('error');
	const error = result.errorOf('Wappin')!;
	expect(error.context?.itemIndex).toBe(3);
	expect(sim.requestsTo('/v1/message/do-send')).toHaveLength(4);
	// what a re-run without Send Once would send again
	const sentIds = [...sim.messages.values()].slice(-3).map((m) => m.id);
	expect(error.description).toContain(
		`Items already sent before the node stopped, by index (message ID): 0 (${sentIds[0]}), 1 (${sentIds[1]}), 2 (${sentIds[2]}).`,
	);
});

test('the throttle spaces request starts', async () => {
	await sendTexts(numbers(5), { concurrency: 5, requestsPerSecond: 20 });
	// seen at the simulator, so each arrival may be a little late on a busy machine: 5 requests at
	// 20 per second span 200 ms, and none come in a burst (without the limit they are ~1 ms apart)
	const starts = sim.requestsTo('/v1/message/do-send').map((r) => r.at);
	expect(starts).toHaveLength(5);
	expect(starts[4] - starts[0]).toBeGreaterThanOrEqual(170);
	for (let i = 1; i < starts.length; i++)
		expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(20);
});
