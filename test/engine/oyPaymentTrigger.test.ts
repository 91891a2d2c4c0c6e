// OY! Indonesia Trigger, event "payment": payment callbacks the simulator posts when a link is
// paid, behind the guard (secret from the credential, allowed IPs), OY!'s retries and repeats
// folded, and a delayed settlement's second "complete" only with Settlement Updates.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INode } from 'n8n-workflow';

import { post } from '../../scripts/n8n/workflows';
import type { TriggerServer } from '../harness';
import { credentialsHelper, node, startTriggerServer } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

const SECRET = 'engine-payment-secret-0123';
let sim: Simulator;
const servers: TriggerServer[] = [];

beforeAll(async () => {
	sim = await startSimulator({ oy: { retryMinuteMs: 5, settlementDelayMs: 30 } });
});
afterAll(async () => {
	await Promise.all(servers.map((s) => s.close()));
	await sim.close();
});

let counter = 0;
async function serve(parameters: INode['parameters']) {
	const trigger = node(
		'Trigger',
		'oyTrigger',
		{ event: 'payment', authentication: 'callbackSecret', ...parameters },
		{
			webhookId: `payment-${++counter}`,
			typeVersion: 2,
			credentials: { oyCallbackApi: { id: 'cb', name: 'cb' } },
		},
	);
	const server = await startTriggerServer({
		nodes: [trigger, node('After', 'test.start')],
		connections: { Trigger: { main: [[{ node: 'After', type: 'main', index: 0 }]] } },
		trigger: 'Trigger',
		credentials: credentialsHelper({ oyCallbackApi: { secret: SECRET } }),
	});
	servers.push(server);
	sim.configure({ callbackUrls: { oyPayment: `${server.url}?secret=${SECRET}` } });
	return server;
}

const outputs = (server: TriggerServer) => server.executions.map((e) => e.output('After')[0].json);

/** A link made through the simulator's API, as the OY! node makes it. */
async function createLink(partnerTxId: string, extra: Record<string, unknown> = {}) {
	const answer = await fetch(`${sim.url}/api/payment-checkout/create-v2`, {
		method: 'POST',
		headers: {
			'x-oy-username': 'oy-demo',
			'x-api-key': 'oy-demo-api-key',
			'content-type': 'application/json',
		},
		body: JSON.stringify({
			partner_tx_id: partnerTxId,
			sender_name: 'Budi',
			amount: 50000,
			is_open: false,
			include_admin_fee: false,
			...extra,
		}),
	});
	expect(answer.status).toBe(200);
}

test('a payment becomes one item with OY!’s fields, answered as OY! expects', async () => {
	const server = await serve({});
	await createLink('PAYREALTIME1');
	const payment = sim.payLink({ id: 'PAYREALTIME1' });
	await sim.settle();
	await server.idle();
	const [record] = sim.paymentCallbacks.filter((c) => c.payload.partner_tx_id === 'PAYREALTIME1');
	expect(record.attempts).toEqual([
		{ status: 200, body: '{"status":true,"message":"Callback received"}' },
	]);
	expect(outputs(server)).toEqual([
		{ ...payment, event: 'payment', status: 'complete', received_at: expect.any(String) },
	]);
	expect(payment).toMatchObject({ settlement_status: 'SUCCESS', paid_amount: 50000 });
});

test('a delayed settlement starts the workflow once by default, twice with Settlement Updates', async () => {
	const byDefault = await serve({});
	await createLink('PAYDELAYED1');
	sim.payLink({ id: 'PAYDELAYED1', settlement: 'delayed' });
	await sim.settle();
	await byDefault.idle();
	const posted = sim.paymentCallbacks.filter((c) => c.payload.partner_tx_id === 'PAYDELAYED1');
	expect(posted.map((c) => c.payload.settlement_status)).toEqual(['WAITING', 'SUCCESS']);
	expect(posted.every((c) => c.attempts[0].status === 200)).toBe(true);
	expect(outputs(byDefault).map((o) => o.settlement_status)).toEqual(['WAITING']);

	const withUpdates = await serve({ options: { settlementUpdates: true } });
	await createLink('PAYDELAYED2');
	sim.payLink({ id: 'PAYDELAYED2', settlement: 'delayed' });
	await sim.settle();
	await withUpdates.idle();
	expect(outputs(withUpdates).map((o) => o.settlement_status)).toEqual(['WAITING', 'SUCCESS']);
});

/** Fails the first `failures` callbacks with HTTP 502, then passes them on to `target`. */
async function flakyRelay(target: string, failures: number) {
	let seen = 0;
	const relay = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			if (++seen <= failures) {
				res.writeHead(502).end('Bad Gateway');
				return;
			}
			const answer = await post(target, JSON.parse(Buffer.concat(chunks).toString()));
			res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
		});
	});
	await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`, relay };
}

test('OY!’s retries after failed answers, and repeats, start one execution', async () => {
	const server = await serve({});
	const { url, relay } = await flakyRelay(`${server.url}?secret=${SECRET}`, 2);
	sim.configure({ callbackUrls: { oyPayment: url } });
	await createLink('PAYRETRY1');
	const payment = sim.payLink({ id: 'PAYRETRY1' });
	await sim.settle();
	await server.idle();
	const record = sim.paymentCallbacks.find((c) => c.payload.partner_tx_id === 'PAYRETRY1')!;
	expect(record.attempts.map((a) => a.status)).toEqual([502, 502, 200]);
	// OY! resends a callback it is unsure of, and networks repeat
	for (let i = 0; i < 3; i++) sim.postPaymentCallback(payment, { url });
	await sim.settle();
	await server.idle();
	expect(outputs(server)).toHaveLength(1);
	relay.close();

	const refused = sim.postPaymentCallback(payment, { url: `${server.url}?secret=wrong` })!;
	await sim.settle();
	expect(refused.attempts.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401]);
});

test('Payment Statuses filter; forged, unallowed and malformed callbacks start nothing', async () => {
	const server = await serve({
		paymentStatuses: ['complete'],
		options: { allowedIps: '127.0.0.1' },
	});
	const failed = { partner_tx_id: 'PAYF1', tx_ref_number: '991', status: 'FAILED' };
	expect((await post(`${server.url}?secret=${SECRET}`, failed)).status).toBe(200);
	expect((await post(`${server.url}?secret=nope`, { ...failed, status: 'complete' })).status).toBe(
		401,
	);
	expect((await post(`${server.url}?secret=${SECRET}`, { status: 'complete' })).body).toMatch(
		/Not an OY! payment callback: tx_ref_number and partner_tx_id are missing/,
	);
	const elsewhere = await serve({ options: { allowedIps: '54.151.191.85, 54.179.86.72' } });
	expect(
		(await post(`${elsewhere.url}?secret=${SECRET}`, { ...failed, status: 'complete' })).status,
	).toBe(403);
	await server.idle();
	await elsewhere.idle();
	expect(outputs(server)).toEqual([]);
	expect(outputs(elsewhere)).toEqual([]);
});
