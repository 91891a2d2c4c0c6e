// OY! Payment Links and Invoices through n8n-core's engine against the simulator: the requests
// sent, OY!'s answers passed on, and every check made before sending.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { credentialsHelper, node, runWorkflow } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ oy: { retryMinuteMs: 5, settlementDelayMs: 20 } });
});
afterAll(async () => sim.close());
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
});

async function runOy(parameters: object, items?: INodeExecutionData[]) {
	const result = await runWorkflow({
		nodes: [node('Start', 'test.start'), node('OY', 'oy', parameters as INodeParameters)],
		credentials: credentialsHelper({ oyApi: sim.credentialData().oyApi }),
		items,
	});
	return result;
}

const link = (extra: Record<string, unknown> = {}, options: Record<string, unknown> = {}) => ({
	resource: 'paymentLink',
	operation: 'create',
	senderName: 'Budi Santoso',
	amount: 150000,
	isOpen: false,
	includeAdminFee: false,
	partnerTxId: '',
	options,
	...extra,
});

const jakarta = (ms: number) =>
	new Date(ms + 7 * 3600 * 1000).toISOString().replace('T', ' ').slice(0, 19);

describe('Payment Link → Create', () => {
	test('sends OY!’s fields, makes a partner transaction ID when none is given, and returns it', async () => {
		const in3Days = new Date(Date.now() + 3 * 24 * 3600 * 1000);
		const result = await runOy(
			link(
				{},
				{
					description: 'Order 17',
					email: 'a@example.com; b@example.com',
					phoneNumber: '+62 812-3456-7890',
					expiration: in3Days.toISOString(),
					disabledPaymentMethods: ['CREDIT_CARD'],
					enabledBanks: ['014', '008'],
				},
			),
		);
		const [request] = sim.requestsTo('/api/payment-checkout/create-v2');
		expect(request.headers).toMatchObject({ 'x-oy-username': 'oy-demo' });
		const txId = request.body.partner_tx_id;
		expect(txId).toMatch(/^[A-Za-z0-9]+$/);
		expect(request.body).toEqual({
			partner_tx_id: txId,
			sender_name: 'Budi Santoso',
			amount: 150000,
			is_open: false,
			include_admin_fee: false,
			description: 'Order 17',
			email: 'a@example.com;b@example.com',
			phone_number: '6281234567890',
			expiration: jakarta(in3Days.getTime()),
			list_disabled_payment_methods: 'CREDIT_CARD',
			list_enabled_banks: '014,008',
		});
		const [item] = result.output('OY');
		expect(item.json).toEqual({
			partner_tx_id: txId,
			status: true,
			url: expect.stringContaining('/pay/'),
			message: 'success',
			email_status: 'PROCESSED',
			payment_link_id: expect.any(String),
		});
		expect(item.pairedItem).toEqual({ item: 0 });

		// the link it made can be sent by WhatsApp at once
		const sent = await runOy({
			resource: 'whatsapp',
			operation: 'sendLink',
			partnerTxId: txId,
			whatsappNumber: '081234567890',
		});
		expect(sent.output('OY')[0].json).toMatchObject({ partner_tx_id: txId, success_queued: true });
	});

	test.each([
		[{ senderName: 'Budi S.' }, /Sender Name "Budi S\." is not accepted/, /letters and spaces/],
		[{ amount: 9999 }, /Amount 9999 is not accepted/, /at least 10,000/],
		[{ amount: 10000.5 }, /Amount 10000\.5 is not accepted/, /whole number/],
		[{ partnerTxId: 'INV-2026-1' }, /Partner Transaction ID "INV-2026-1"/, /letters and digits/],
		[
			{ options: { expiration: new Date(Date.now() - 60_000).toISOString() } },
			/Expiration .* is not accepted/,
			/in the future/,
		],
		[
			{ options: { expiration: new Date(Date.now() + 33 * 24 * 3600 * 1000).toISOString() } },
			/Expiration .* is not accepted/,
			/31 days 23 hours/,
		],
		[{ options: { email: 'a@x.io;b@x.io;c@x.io;d@x.io' } }, /Email/, /up to 3/],
		[
			{
				options: {
					disabledPaymentMethods: ['VA', 'CREDIT_CARD', 'QRIS', 'EWALLET', 'BANK_TRANSFER'],
				},
			},
			/Every payment method is disabled/,
			/at least one/,
		],
	])('%j is refused before any request, naming the field', async (change, message, description) => {
		const result = await runOy({ ...link(), ...change });
		const error = result.errorOf('OY')!;
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(description);
		expect(sim.requests).toHaveLength(0);
	});

	test('OY!’s "status": false is an item error with OY!’s message; others go on with continue-on-fail', async () => {
		await runOy(link({ partnerTxId: 'DUPLICATE1' }));
		const result = await runWorkflow({
			nodes: [
				node('Start', 'test.start'),
				node('OY', 'oy', link({ partnerTxId: '={{ $json.tx }}' }) as INodeParameters, {
					continueOnFail: true,
				}),
			],
			credentials: credentialsHelper({ oyApi: sim.credentialData().oyApi }),
			items: [{ json: { tx: 'DUPLICATE1' } }, { json: { tx: 'FRESH1' } }],
		});
		const [first, second] = result.output('OY');
		expect(first.json.error).toMatch(/^OY! refused the request.*: Partner Tx ID already exists$/);
		expect(second.json).toMatchObject({ partner_tx_id: 'FRESH1', status: true });
	});

	test.each([
		[403, /IP address may not be registered/],
		[429, /Too many requests/],
	])('HTTP %s is explained', async (status, description) => {
		sim.fault('/api/payment-checkout/create-v2', {
			type: 'status',
			status,
			body: { status: false, message: 'Denied' },
			times: 5,
		});
		const result = await runOy(link(), undefined);
		const error = result.errorOf('OY')!;
		expect(error.message).toBe(`OY! refused the request (HTTP ${status}): Denied`);
		expect(error.description).toMatch(description);
	});

	test('an HTML error page is an error that says so', async () => {
		sim.fault('/api/payment-checkout/create-v2', { type: 'html', status: 502, times: 5 });
		const result = await runOy(link());
		expect(result.errorOf('OY')!.message).toMatch(/OY! answered HTTP 502 with an HTML page/);
	});
});

describe('Payment Link → Get, Get Status, Delete', () => {
	test('get by either ID, the payment status after a payment, delete only while unpaid', async () => {
		const made = (await runOy(link({ partnerTxId: 'LOOKUP1', isOpen: true }))).output('OY')[0].json;
		const byId = await runOy({
			resource: 'paymentLink',
			operation: 'get',
			paymentLinkId: made.payment_link_id,
		});
		expect(byId.output('OY')[0].json).toMatchObject({
			partnerTxId: 'LOOKUP1',
			paymentLinkId: made.payment_link_id,
			status: 'CREATED',
			isOpen: true,
		});
		const byTx = await runOy({
			resource: 'paymentLink',
			operation: 'get',
			paymentLinkId: 'LOOKUP1',
		});
		expect(byTx.output('OY')[0].json.paymentLinkId).toBe(made.payment_link_id);

		sim.payLink({ id: 'LOOKUP1', amount: 20000 });
		const status = await runOy({
			resource: 'paymentLink',
			operation: 'getStatus',
			partnerTxId: 'LOOKUP1',
			options: { resendCallback: true },
		});
		expect(status.output('OY')[0].json).toMatchObject({
			partner_tx_id: 'LOOKUP1',
			status: 'complete',
			paid_amount: 20000,
			tx_ref_number: expect.any(String),
		});
		expect(sim.requestsTo('/api/payment-checkout/status')[0].query).toEqual({
			partner_tx_id: 'LOOKUP1',
			send_callback: 'true',
		});

		const paidDelete = await runOy({
			resource: 'paymentLink',
			operation: 'delete',
			paymentLinkId: 'LOOKUP1',
		});
		expect(paidDelete.errorOf('OY')!.message).toMatch(
			/Cannot delete payment link status other than CREATED/,
		);

		await runOy(link({ partnerTxId: 'DELETEME1' }));
		const deleted = await runOy({
			resource: 'paymentLink',
			operation: 'delete',
			paymentLinkId: 'DELETEME1',
		});
		expect(deleted.output('OY')[0].json).toEqual({
			payment_link_id: 'DELETEME1',
			status: true,
			message: 'success delete payment checkout data',
		});
		const closed = await runOy({
			resource: 'paymentLink',
			operation: 'get',
			paymentLinkId: 'DELETEME1',
		});
		expect(closed.output('OY')[0].json.status).toBe('CLOSED');
	});

	test('an unknown link is an item error with OY!’s message; an ID that would change the path is refused', async () => {
		const unknown = await runOy({
			resource: 'paymentLink',
			operation: 'get',
			paymentLinkId: 'NOPE1',
		});
		expect(unknown.errorOf('OY')!.message).toMatch(/cannot be found in our system/);
		const sneaky = await runOy({
			resource: 'paymentLink',
			operation: 'delete',
			paymentLinkId: '../balance',
		});
		expect(sneaky.errorOf('OY')!.message).toMatch(/is not a payment link ID/);
		expect(sim.requestsTo('/api/balance')).toHaveLength(0);
	});
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const withFile = (data: Buffer, fileName: string, mimeType: string): INodeExecutionData[] => [
	{ json: {}, binary: { data: { data: data.toString('base64'), fileName, mimeType } } },
];
const invoice = (extra: Record<string, unknown> = {}, options: Record<string, unknown> = {}) => ({
	...link({}, options),
	resource: 'invoice',
	fullName: 'Budi Santoso',
	invoiceItems: {
		item: [
			{
				item: 'Tea',
				description: 'Jasmine',
				quantity: 2,
				pricePerItem: 25000,
				dateOfPurchase: '2026-12-01',
			},
			{ item: 'Rice', quantity: 1, pricePerItem: 100000 },
		],
	},
	...extra,
});

describe('Invoice → Create', () => {
	test('items, due date and a PDF attachment in OY!’s names', async () => {
		const expiration = new Date(Date.now() + 5 * 24 * 3600 * 1000);
		const due = new Date(Date.now() + 4 * 24 * 3600 * 1000);
		const result = await runOy(
			invoice(
				{ dueDate: due.toISOString() },
				{
					expiration: expiration.toISOString(),
					partnerUserId: 'CUST7',
					attachmentBinaryProperty: 'data',
				},
			),
			withFile(PDF, 'invoice.pdf', 'application/pdf'),
		);
		const [request] = sim.requestsTo('/api/payment-checkout/create-invoice');
		expect(request.body).toMatchObject({
			full_name: 'Budi Santoso',
			partner_user_id: 'CUST7',
			due_date: jakarta(due.getTime()),
			expiration: jakarta(expiration.getTime()),
			invoice_items: [
				{
					item: 'Tea',
					description: 'Jasmine',
					quantity: 2,
					price_per_item: 25000,
					date_of_purchase: '2026-12-01',
				},
				{ item: 'Rice', quantity: 1, price_per_item: 100000 },
			],
			attachment: PDF.toString('base64'),
		});
		expect(result.output('OY')[0].json).toMatchObject({
			partner_tx_id: request.body.partner_tx_id,
			url: expect.stringContaining('/pay/invoice/'),
		});
	});

	test.each([
		[{ invoiceItems: { item: [] } }, {}, /The invoice has no items/],
		[
			{ invoiceItems: { item: [{ item: '={{ "  " }}', quantity: 1, pricePerItem: 1 }] } },
			{},
			/Invoice item 1 has no name/,
		],
		[{ invoiceItems: { item: [{ item: 'Tea', quantity: 0, pricePerItem: 1 }] } }, {}, /quantity 0/],
		[
			{ dueDate: new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString() },
			{ expiration: new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString() },
			/Due Date .* is not accepted/,
		],
		[{}, { attachmentBinaryProperty: 'scan' }, /No binary data in property "scan"/],
	])('%j %j is refused before any request', async (change, options, message) => {
		const result = await runOy(
			invoice(change, options),
			withFile(PDF, 'invoice.pdf', 'application/pdf'),
		);
		expect(result.errorOf('OY')!.message).toMatch(message);
		expect(sim.requests).toHaveLength(0);
	});

	test('an attachment that is not a PDF, or larger than 2 MB, is refused', async () => {
		const png = await runOy(
			invoice({}, { attachmentBinaryProperty: 'data' }),
			withFile(Buffer.from('\x89PNG....'), 'photo.png', 'image/png'),
		);
		expect(png.errorOf('OY')!.message).toBe('"photo.png" is not a PDF');
		const big = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]);
		const large = await runOy(
			invoice({}, { attachmentBinaryProperty: 'data' }),
			withFile(big, 'big.pdf', 'application/pdf'),
		);
		expect(large.errorOf('OY')!.message).toBe('"big.pdf" is 2.0 MB');
		expect(large.errorOf('OY')!.description).toMatch(/at most 2 MB/);
		expect(sim.requests).toHaveLength(0);
	});
});
