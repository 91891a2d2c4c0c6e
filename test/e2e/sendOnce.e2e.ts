// Send Once in a real n8n: n8n's own deduplication store, the editor's Retry of a failed
// execution, re-runs, custom keys, both providers, and what counts as "may have been sent".
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import type { SavedCredentials } from './n8n';
import { connect, nodeOutput, paymentReminderParameters, types, workflowNode } from './n8n';

const n8n = connect();
let sim: Simulator;
let credentials: SavedCredentials;
const INVALID = '6280000000000';

beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 3600000 });
	credentials = await n8n.createSimulatorCredentials(sim, 'send once');
});
afterAll(async () => {
	await sim?.close();
});
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
	sim.configure({ wappin: { invalidRecipients: [INVALID] } });
});

let flowCounter = 0;
/** A workflow that sends one Wappin template per row ({ phone, name, invoice? }). */
async function reminderFlow(options: Record<string, unknown>) {
	return await n8n.webhookWorkflow(`E2E send once ${++flowCounter}`, [
		workflowNode('Wappin', types.wappin, paymentReminderParameters(options), {
			credentials: { wappinApi: credentials.wappinApi },
		}),
	]);
}

const customers = (count: number, offset = 0) =>
	Array.from({ length: count }, (_, i) => ({
		phone: `62812${String(3000000 + offset + i)}`,
		name: `Customer ${offset + i}`,
	}));

/** Messages the simulator accepted (it keeps every accepted send), per recipient. */
function acceptedPerRecipient(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const message of sim.messages.values()) {
		if (message.provider !== 'wappin') continue;
		counts.set(message.recipient, (counts.get(message.recipient) ?? 0) + 1);
	}
	return counts;
}

test('a failed bulk retried as the editor does: every customer gets exactly one message', async () => {
	const rows = customers(20);
	const failing = 12;
	rows[failing].phone = INVALID.replace(/^62/, '0');
	sim.configure({ latencyMs: 20 });
	const flow = await reminderFlow({ sendOnce: true, concurrency: 5 });
	try {
		const first = await flow.run(rows);
		expect(first.status).toBe(500);
		const failed = await n8n.lastExecution(flow.id);
		expect(failed.status).toBe('error');
		const error = failed.data.resultData.error;
		expect(error.message).toBe('Wappin error 601: Contact invalid');
		// the node names what was already sent, so nobody is surprised by a re-run without Send Once
		expect(error.description).toMatch(/Items already sent before the node stopped.*\b0 \(/);
		const sentFirst = sim.messages.size;
		expect(sentFirst).toBeGreaterThanOrEqual(failing);

		// the customer's number is fixed at the provider; Retry (the editor's button)
		sim.configure({ wappin: { invalidRecipients: [] } });
		const retried = await n8n.rest('POST', `/rest/executions/${failed.id}/retry`);
		expect(retried.data).toBeTruthy();
		const retry = await n8n.lastExecution(flow.id);
		expect(retry.id).not.toBe(failed.id);
		expect(retry.status).toBe('success');
		const out = nodeOutput(retry, 'Wappin');
		expect(out).toHaveLength(20);
		const skipped = out.filter((item) => item.skipped === true);
		expect(skipped).toHaveLength(sentFirst);
		for (const item of skipped) expect(item.reason).toMatch(/already sent/);
		expect(out.filter((item) => item.message_id)).toHaveLength(20 - sentFirst);
	} finally {
		sim.configure({ latencyMs: 0 });
	}
	const counts = acceptedPerRecipient();
	expect(counts.size).toBe(20);
	expect([...counts.values()].every((count) => count === 1)).toBe(true);
});

test('the same items again: nothing sent; with Send Once off they are sent again', async () => {
	const rows = customers(5, 100);
	const on = await reminderFlow({ sendOnce: true });
	expect((await on.run(rows)).body.every((item: any) => item.message_id)).toBe(true);
	const again = await on.run(rows);
	expect(again.status).toBe(200);
	expect(again.body.every((item: any) => item.skipped === true)).toBe(true);
	expect(sim.requestsTo('/v1/message/do-send-hsm')).toHaveLength(5);
	// two equal items in one run: the first is sent, the second says which one was
	const twice = await on.run([customers(1, 200)[0], customers(1, 200)[0]]);
	expect(twice.body[0].message_id).toBeTruthy();
	expect(twice.body[1]).toMatchObject({ skipped: true, same_as_item: 0 });

	const off = await reminderFlow({});
	await off.run(rows);
	expect(sim.requestsTo('/v1/message/do-send-hsm')).toHaveLength(11);
});

test('a custom key: once per invoice, whatever the number', async () => {
	const flow = await reminderFlow({ sendOnce: true, sendOnceKey: '={{ $json.invoice }}' });
	const first = await flow.run([
		{ ...customers(1, 300)[0], invoice: 'INV-9' },
		{ ...customers(1, 301)[0], invoice: 'INV-9' },
		{ ...customers(1, 302)[0], invoice: 'INV-10' },
	]);
	expect(first.body.map((item: any) => Boolean(item.skipped))).toEqual([false, true, false]);
	const second = await flow.run([{ ...customers(1, 303)[0], invoice: 'INV-10' }]);
	expect(second.body[0]).toMatchObject({ skipped: true, send_once_key: 'key:INV-10' });
	expect(sim.requestsTo('/v1/message/do-send-hsm')).toHaveLength(2);
});

test('a send that may have arrived (HTTP 500) is not sent again; a definite refusal is', async () => {
	// continue-on-fail keeps both errors as items
	const tolerant = await n8n.webhookWorkflow('E2E send once errors', [
		workflowNode(
			'Wappin',
			types.wappin,
			paymentReminderParameters({ sendOnce: true, concurrency: 1 }),
			{ credentials: { wappinApi: credentials.wappinApi }, onError: 'continueRegularOutput' },
		),
	]);
	const ambiguous = customers(1, 400)[0];
	const refused = { ...customers(1, 401)[0], phone: INVALID };
	sim.fault('/v1/message/do-send-hsm', { type: 'status', status: 500 });
	const first = await tolerant.run([ambiguous, refused]);
	expect(first.body[0]).toMatchObject({ code: '500' });
	expect(first.body[0].description).toMatch(/may or may not have been sent/);
	expect(first.body[1]).toMatchObject({ code: '601' });

	sim.configure({ wappin: { invalidRecipients: [] } });
	const second = await tolerant.run([ambiguous, refused]);
	expect(second.body[0]).toMatchObject({ skipped: true });
	expect(second.body[1].message_id).toBeTruthy();
});

test('OY! Send Link with Send Once: one link message per transaction and number', async () => {
	const flow = await n8n.webhookWorkflow('E2E OY send once', [
		workflowNode(
			'OY',
			types.oy,
			{
				resource: 'whatsapp',
				operation: 'sendLink',
				partnerTxId: '={{ $json.tx }}',
				whatsappNumber: '081234567890',
				options: { sendOnce: true },
			},
			{ credentials: { oyApi: credentials.oyApi } },
		),
	]);
	const rows = [{ tx: 'BULK-once-1' }, { tx: 'BULK-once-2' }];
	const first = await flow.run(rows);
	expect(first.body.map((item: any) => item.success_queued)).toEqual([true, true]);
	const second = await flow.run(rows);
	expect(second.body.every((item: any) => item.skipped === true)).toBe(true);
	expect(sim.requestsTo('/api/whatsapp/send-link')).toHaveLength(2);
});
