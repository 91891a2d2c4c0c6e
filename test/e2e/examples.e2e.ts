// The workflows in examples/ imported into a real n8n (as `npm start` does) and run against the simulator.
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { importExamples } from '../../scripts/n8n/examples';
import { answerLinkIn, connect, nodeOutput, post, submitAnswer, waitFor } from './n8n';

const n8n = connect();
let sim: Simulator;
let examples: Array<{
	file: string;
	id: string;
	callbackUrls: Record<string, string>;
	webhookUrl?: string;
}>;
const SECRET = 'examples-callback-secret';

beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 50, latencyMs: 30 });
	const credentials = {
		...(await n8n.createSimulatorCredentials(sim, 'examples')),
		...(await n8n.createCallbackCredentials(SECRET, 'examples')),
	};
	examples = await importExamples(n8n, credentials);
	const urls = Object.assign({}, ...examples.map((example) => example.callbackUrls));
	sim.configure({
		callbackUrls: {
			oy: `${urls.oyTrigger}?secret=${SECRET}`,
			wappin: `${urls.wappinTrigger}?secret=${SECRET}`,
			oyPayment: `${urls.oyPayment}?secret=${SECRET}`,
		},
	});
});
afterAll(async () => {
	await sim?.close();
});

const example = (file: string) => examples.find((e) => e.file === file)!;
test('the six examples are imported (the AI-agent one is run by mcp.e2e.ts)', () => {
	expect(examples.map((e) => e.file)).toEqual([
		'oy-collect-payment-over-whatsapp.json',
		'oy-invoice-link-with-status.json',
		'wappin-ai-agent-tools.json',
		'wappin-bulk-payment-reminders.json',
		'wappin-chatbot.json',
		'wappin-payout-approval.json',
	]);
});

test('Wappin payment reminders: 25 customers, 10 at a time, every one sent', async () => {
	const run = await n8n.execute(example('wappin-bulk-payment-reminders.json').id);
	expect(run.status).toBe('success');
	const sent = nodeOutput(run, 'Send payment reminder');
	expect(sent).toHaveLength(25);
	for (const item of sent) expect(item).toMatchObject({ status: '200', message: 'Success' });
	const requests = sim.requestsTo('/v1/message/do-send-hsm');
	expect(requests).toHaveLength(25);
	expect(requests.map((r) => r.body.params['1']).sort()).toEqual(
		Array.from({ length: 25 }, (_, i) => `Customer ${i + 1}`).sort(),
	);
	expect(sim.counters.maxInFlight).toBeGreaterThan(1);
	expect(sim.counters.maxInFlight).toBeLessThanOrEqual(10);
});

test('Collect a payment over WhatsApp: a link made and sent; paid, the customer is thanked once', async () => {
	const { id } = example('oy-collect-payment-over-whatsapp.json');
	const run = await n8n.execute(id);
	expect(run.status).toBe('success');
	const [made] = nodeOutput(run, 'Create payment link');
	expect(made).toMatchObject({
		status: true,
		partner_tx_id: expect.stringMatching(/^[A-Za-z0-9]+$/),
	});
	expect(nodeOutput(run, 'Send link by WhatsApp')).toEqual([
		expect.objectContaining({ partner_tx_id: made.partner_tx_id, success_queued: true }),
	]);
	// the customer pays; OY!'s delayed settlement calls back twice ("complete" WAITING, then SUCCESS)
	sim.payLink({ id: made.partner_tx_id, settlement: 'delayed' });
	await waitFor(
		() =>
			sim.paymentCallbacks.filter((c) => c.payload.partner_tx_id === made.partner_tx_id).length ===
			2,
		'both payment callbacks',
	);
	await sim.settle();
	const executions = await n8n.waitForExecutions(id, { count: 2 });
	const thanked = executions.flatMap((execution) =>
		execution.mode === 'manual' ? [] : nodeOutput(execution, 'Thank the customer'),
	);
	expect(thanked).toEqual([expect.objectContaining({ status: '200', message: 'Success' })]);
	const [thanks] = sim
		.requestsTo('/v1/message/do-send-hsm')
		.filter((r) => r.body.type === 'payment_thank_you');
	expect(thanks.body).toMatchObject({
		recipient_number: '6281234567890',
		params: { '1': 'Ani Wijaya', '2': '150.000' },
	});
});

test('OY! invoice link: sent by the manual part, its statuses followed by the trigger part', async () => {
	const { id } = example('oy-invoice-link-with-status.json');
	const run = await n8n.execute(id);
	expect(run.status).toBe('success');
	expect(nodeOutput(run, 'Send invoice link')).toEqual([
		expect.objectContaining({ partner_tx_id: 'INV-001', success_queued: true }),
	]);
	await sim.settle();
	// OY! posts sent, delivered and read, each answered 200
	const callbacks = sim.callbacks.filter(
		(c) => c.provider === 'oy' && c.payload.partner_tx_id === 'INV-001',
	);
	expect(callbacks.map((c) => c.payload.status).sort()).toEqual(['delivered', 'read', 'sent']);
	for (const callback of callbacks) expect(callback.attempts[0].status).toBe(200);
	// the manual execution plus one per status callback of INV-001 (the payment example's link
	// reports its statuses here too); only "read" takes the read branch
	const all = await n8n.waitForExecutions(id, { count: 7 });
	const executions = all.filter(
		(e) =>
			e.mode !== 'webhook' || nodeOutput(e, 'OY! delivery status')[0]?.partner_tx_id === 'INV-001',
	);
	expect(executions).toHaveLength(4);
	expect(executions.every((e) => e.status === 'success')).toBe(true);
	const readBranch = executions.filter((e) => e.data.resultData.runData['Customer read it']);
	expect(readBranch).toHaveLength(1);
});

test('Wappin chatbot: an incoming message is answered with sendText', async () => {
	sim.clearRequests();
	const record = await sim.sendIncomingMessage('6289876543210', 'Saya mau bayar tagihan');
	expect(record.attempts[0]).toEqual({ status: 200, body: '{"status":"000"}' });
	await waitFor(() => sim.requestsTo('/v1/message/do-send').length === 1, 'the reply');
	expect(sim.requestsTo('/v1/message/do-send')[0].body).toMatchObject({
		recipient_number: '6289876543210',
		message_content: expect.stringMatching(/link pembayaran/i),
	});
});

test('Wappin payout approval: the approver approves from the WhatsApp link, the payee is told', async () => {
	const onN8n2 = !n8n.installed.version.startsWith('1.');
	const { id, webhookUrl } = example('wappin-payout-approval.json');
	for (const approved of onN8n2 ? [true, false] : [true]) {
		sim.clearRequests();
		const request = { payee: '0857-1111-2222', amount: 'Rp 2.500.000', approver: '0812-3456-7890' };
		// n8n may route the webhook a moment after activation: a 404 started nothing
		await waitFor(async () => (await post(webhookUrl!, request)).status === 200, 'the webhook');
		const waiting = await n8n.executionWithStatus(id, 'waiting');
		const [asked] = sim.requestsTo('/v1/message/do-send');
		expect(asked.body.recipient_number).toBe('6281234567890');
		expect(asked.body.message_content).toMatch(/^Payout request: Rp 2\.500\.000 to 0857-1111-2222/);
		const link = answerLinkIn(asked.body.message_content);
		expect((await submitAnswer(link, { approved: String(approved) })).status).toBe(200);
		// the second round's newest ended execution may for a moment be the first round's
		const done = await n8n.resumedExecution(waiting);
		const told = sim.requestsTo('/v1/message/do-send').slice(1);
		if (approved) {
			expect(told.map((send) => send.body)).toMatchObject([
				{ recipient_number: '6285711112222', message_content: expect.stringMatching(/approved/) },
			]);
		} else {
			expect(told).toEqual([]);
			expect(nodeOutput(done, 'Declined or no answer in 24 hours')).toHaveLength(1);
		}
	}
});
