// OY! Payment Links and Invoices in a real n8n against the simulator: every operation, the checks
// before sending, OY!'s refusals, Send Once on a re-run, and the trigger's payment event with
// OY!'s repeats and a delayed settlement.
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import type { SavedCredentials } from './n8n';
import { connect, nodeOutput, types, workflowNode } from './n8n';

const n8n = connect();
const SECRET = 'e2e-payment-callback-secret';
let sim: Simulator;
let credentials: SavedCredentials;
let callback: { oyCallbackApi: { id: string; name: string } };

beforeAll(async () => {
	sim = await startSimulator({ oy: { retryMinuteMs: 20, settlementDelayMs: 300 } });
	credentials = await n8n.createSimulatorCredentials(sim, 'payments');
	callback = await n8n.createCallbackCredentials(SECRET, 'payments');
});
afterAll(async () => {
	await sim?.close();
});

let flows = 0;
const oyFlow = (parameters: Record<string, unknown>) =>
	n8n.webhookWorkflow(`E2E OY payments ${++flows}`, [
		workflowNode('OY', types.oy, parameters, {
			credentials: { oyApi: credentials.oyApi },
			continueOnFail: true,
		}),
	]);

const createLink = (extra: Record<string, unknown> = {}) => ({
	resource: 'paymentLink',
	operation: 'create',
	senderName: '={{ $json.name }}',
	amount: '={{ $json.amount }}',
	isOpen: false,
	includeAdminFee: false,
	partnerTxId: '={{ $json.tx ?? "" }}',
	...extra,
});

test('Payment Link: create (an ID made when none is given), send it by WhatsApp, get, get status, delete', async () => {
	const create = await oyFlow(createLink({ options: { description: 'Order 7' } }));
	const made = await create.run([
		{ name: 'Budi Santoso', amount: 125000 },
		{ name: 'Ayu', amount: 90000, tx: 'E2EPL1' },
	]);
	expect(made.status).toBe(200);
	const [generated, given] = made.body;
	expect(generated.partner_tx_id).toMatch(/^[A-Za-z0-9]+$/);
	expect(generated).toMatchObject({ status: true, url: expect.stringContaining('/pay/') });
	expect(given).toMatchObject({ partner_tx_id: 'E2EPL1', payment_link_id: expect.any(String) });
	const sent = sim.requestsTo('/api/payment-checkout/create-v2').map((r) => r.body);
	expect(sent[0]).toMatchObject({
		sender_name: 'Budi Santoso',
		amount: 125000,
		description: 'Order 7',
	});

	const whatsapp = await oyFlow({
		resource: 'whatsapp',
		operation: 'sendLink',
		partnerTxId: '={{ $json.partner_tx_id }}',
		whatsappNumber: '081234567890',
	});
	const link = await whatsapp.run([{ partner_tx_id: generated.partner_tx_id }]);
	expect(link.body[0]).toMatchObject({
		partner_tx_id: generated.partner_tx_id,
		success_queued: true,
	});

	const get = await oyFlow({
		resource: 'paymentLink',
		operation: 'get',
		paymentLinkId: '={{ $json.id }}',
	});
	const got = await get.run([
		{ id: given.payment_link_id },
		{ id: 'E2EPL1' },
		{ id: 'NOSUCHLINK' },
	]);
	expect(got.body[0]).toMatchObject({ partnerTxId: 'E2EPL1', status: 'CREATED', amount: 90000 });
	expect(got.body[1].paymentLinkId).toBe(given.payment_link_id);
	expect(got.body[2].error).toMatch(/cannot be found in our system/);

	sim.payLink({ id: 'E2EPL1' });
	const status = await oyFlow({
		resource: 'paymentLink',
		operation: 'getStatus',
		partnerTxId: 'E2EPL1',
	});
	expect((await status.run([{}])).body[0]).toMatchObject({
		partner_tx_id: 'E2EPL1',
		status: 'complete',
		settlement_status: 'SUCCESS',
	});

	const remove = await oyFlow({
		resource: 'paymentLink',
		operation: 'delete',
		paymentLinkId: '={{ $json.id }}',
	});
	const removed = await remove.run([{ id: generated.payment_link_id }, { id: 'E2EPL1' }]);
	expect(removed.body[0]).toMatchObject({
		status: true,
		message: 'success delete payment checkout data',
	});
	expect(removed.body[1].error).toMatch(/Cannot delete payment link status other than CREATED/);
});

test('the checks before sending name the field; nothing reaches OY!', async () => {
	sim.clearRequests();
	const create = await oyFlow(createLink());
	const answer = await create.run([
		{ name: 'Budi 2', amount: 50000 },
		{ name: 'Budi', amount: 5000 },
		{ name: 'Budi', amount: 50000, tx: 'INV-2026-01' },
	]);
	expect(answer.body.map((item: { error?: string }) => item.error)).toEqual([
		'Sender Name "Budi 2" is not accepted by OY!',
		'Amount 5000 is not accepted by OY!',
		'Partner Transaction ID "INV-2026-01" is not accepted by OY!',
	]);
	expect(sim.requestsTo('/api/payment-checkout/create-v2')).toHaveLength(0);
});

test('Invoice: items and due date; OY!’s refusal is an item error', async () => {
	const due = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();
	const expiration = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
	const invoice = await oyFlow({
		...createLink({ resource: 'invoice' }),
		fullName: 'Budi Santoso',
		dueDate: due,
		invoiceItems: { item: [{ item: 'Rice', quantity: 2, pricePerItem: 60000 }] },
		options: { expiration, partnerUserId: 'CUST9' },
	});
	const answer = await invoice.run([
		{ name: 'Budi', amount: 120000, tx: 'E2EINV1' },
		{ name: 'Budi', amount: 120000, tx: 'E2EINV1' },
	]);
	expect(answer.body[0]).toMatchObject({
		partner_tx_id: 'E2EINV1',
		url: expect.stringContaining('/invoice/'),
	});
	expect(answer.body[1].error).toMatch(/OY! refused the request.*Partner Tx ID already exists/);
	const [request] = sim.requestsTo('/api/payment-checkout/create-invoice');
	expect(request.body).toMatchObject({
		full_name: 'Budi Santoso',
		partner_user_id: 'CUST9',
		invoice_items: [{ item: 'Rice', quantity: 2, price_per_item: 60000 }],
	});
});

test('Send Once: a re-run makes no second link for an item already done', async () => {
	const create = await oyFlow(createLink({ options: { sendOnce: true } }));
	const rows = [
		{ name: 'Sari', amount: 70000 },
		{ name: 'Dewi', amount: 80000 },
	];
	const first = await create.run(rows);
	const second = await create.run([...rows, { name: 'Rina', amount: 90000 }]);
	expect(first.body.map((item: { status?: boolean }) => item.status)).toEqual([true, true]);
	expect(second.body.slice(0, 2).map((item: { skipped?: boolean }) => item.skipped)).toEqual([
		true,
		true,
	]);
	expect(second.body[2]).toMatchObject({ status: true });
	const made = [...sim.paymentLinks.values()].filter((link) =>
		['Sari', 'Dewi', 'Rina'].includes(link.sender_name),
	);
	expect(made.map((link) => link.sender_name).sort()).toEqual(['Dewi', 'Rina', 'Sari']);
});

test('Trigger, event Payment: one execution per payment, repeats folded, a delayed settlement once by default', async () => {
	const trigger = await n8n.triggerWorkflow(
		types.oyTrigger,
		{ event: 'payment', authentication: 'callbackSecret' },
		{ typeVersion: 2, credentials: callback },
	);
	sim.configure({ callbackUrls: { oyPayment: `${trigger.url}?secret=${SECRET}` } });
	const create = await oyFlow(createLink());
	await create.run([
		{ name: 'Realtime', amount: 50000, tx: 'E2EPAY1' },
		{ name: 'Delayed', amount: 60000, tx: 'E2EPAY2' },
	]);
	const paid = sim.payLink({ id: 'E2EPAY1' });
	sim.payLink({ id: 'E2EPAY2', settlement: 'delayed' });
	await sim.settle();
	// OY! resends what it is unsure of: the same payment twice more
	sim.postPaymentCallback(paid);
	sim.postPaymentCallback(paid);
	await sim.settle();
	const forged = sim.postPaymentCallback(
		{ ...paid, tx_ref_number: '1' },
		{ url: trigger.url, retry: false },
	)!;
	await sim.settle();
	expect(forged.attempts[0].status).toBe(401);

	const executions = await n8n.waitForExecutions(trigger.id, { count: 2 });
	const items = executions.map((execution) => nodeOutput(execution, 'Trigger')[0]);
	expect(
		items.map((item) => `${item.partner_tx_id} ${item.status} ${item.settlement_status}`).sort(),
	).toEqual(['E2EPAY1 complete SUCCESS', 'E2EPAY2 complete WAITING']);
	for (const item of items) expect(item.event).toBe('payment');
	expect(
		sim.paymentCallbacks
			.filter((c) => c.payload.partner_tx_id === 'E2EPAY2')
			.map((c) => c.attempts[0].status),
	).toEqual([200, 200]);
});
