import { createWorkflow, credentialsHelper, node, runWorkflow } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 10, oy: { allowResend: true } });
});
afterAll(async () => sim.close());
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
});

const oyCredentials = (extra = {}) => ({ ...sim.credentialData().oyApi, ...extra });

async function sendLink(
	partnerTxId: string,
	whatsappNumber = '0812-3456-7890',
	extra = {},
	credentials = oyCredentials(),
) {
	return await runWorkflow({
		nodes: [
			node('Start', 'test.start'),
			node(
				'OY',
				'oy',
				{ resource: 'whatsapp', operation: 'sendLink', partnerTxId, whatsappNumber },
				extra,
			),
		],
		credentials: credentialsHelper({ oyApi: credentials }),
	});
}

describe('OY! → whatsapp → sendLink', () => {
	test('sends the documented request and outputs OY’s data fields', async () => {
		const result = await sendLink('INV-001', '+62 812 3456 7890');
		expect(result.run.status).toBe('success');
		const [request] = sim.requestsTo('/api/whatsapp/send-link');
		expect(request.method).toBe('POST');
		expect(request.headers).toMatchObject({
			'x-oy-username': 'oy-demo',
			'x-api-key': 'oy-demo-api-key',
			'content-type': 'application/json',
			accept: 'application/json',
		});
		expect(request.body).toEqual({ partner_tx_id: 'INV-001', whatsapp_number: '6281234567890' });
		const [item] = result.output('OY');
		expect(item.json).toEqual({
			partner_tx_id: 'INV-001',
			whatsapp_number: '6281234567890',
			success_queued: true,
			message_id: expect.any(String),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('an older answer with success_sent is read the same way', async () => {
		const result = await sendLink('PL-LEGACY');
		expect(result.output('OY')[0].json).toMatchObject({ success_queued: true, success_sent: true });
	});

	test('a message OY did not queue is an item error, not a success', async () => {
		const result = await sendLink('PL-NOQUEUE');
		expect(result.run.status).toBe('error');
		expect(result.errorOf('OY')!.message).toBe(
			'OY! did not queue the WhatsApp message for PL-NOQUEUE',
		);
		expect(result.errorOf('OY')!.description).toMatch(/success_queued is false/);
	});

	test('an invalid number is refused before any request', async () => {
		const result = await sendLink('INV-001', '+44 20 7946 0958');
		expect(result.errorOf('OY')!.message).toMatch(
			/"\+44 20 7946 0958" is not a valid WhatsApp number/,
		);
		expect(sim.requests).toHaveLength(0);
	});

	test.each([
		[
			'204',
			{ partnerTxId: 'UNKNOWN-1' },
			'OY! error 204: Partner Tx ID is not found',
			/existing Payment Link or Invoice/,
		],
		[
			'208',
			{ credentials: { apiKey: 'wrong' } },
			'OY! error 208: API Key is not valid',
			/API key is not valid/,
		],
		[
			'201',
			{ credentials: { username: 'nobody' } },
			'OY! error 201: User ID is not found',
			/username/,
		],
	])(
		'code %s → its message and advice',
		async (_code, setup: { partnerTxId?: string; credentials?: object }, message, advice) => {
			const result = await sendLink(
				setup.partnerTxId ?? 'INV-002',
				'081234567890',
				{},
				oyCredentials(setup.credentials),
			);
			const error = result.errorOf('OY')!;
			expect(error.name).toBe('NodeApiError');
			expect(error.message).toBe(message);
			expect(error.description).toMatch(advice);
			expect(error.context?.itemIndex).toBe(0);
		},
	);

	test('203 duplicate partner_tx_id', async () => {
		sim.configure({ oy: { allowResend: false } });
		try {
			expect((await sendLink('PL-001')).run.status).toBe('success');
			const second = await sendLink('PL-001');
			expect(second.errorOf('OY')!.message).toBe('OY! error 203: Duplicate Partner Tx Id');
			expect(second.errorOf('OY')!.description).toMatch(/already made/);
		} finally {
			sim.configure({ oy: { allowResend: true } });
		}
	});

	test.each([
		['207', 403, 'Request IP Address is not registered', /IP address is not registered/],
		['257', 200, 'Request is still in process', /still being processed/],
		['429', 429, 'Too Many Requests', /Lower the concurrency/],
		['990', 400, 'Invalid Format', /invalid/],
		['999', 500, 'Internal Server Error', /may or may not have been queued/],
	])('code %s (HTTP %s) → its message and advice', async (code, status, message, advice) => {
		const times = status === 429 ? 4 : 1; // 429 is retried; every try answers 429 here
		sim.fault('/api/whatsapp/send-link', {
			type: 'status',
			status,
			retryAfter: 0,
			body: { status: { code, message } },
			times,
		});
		const result = await sendLink('INV-001');
		const error = result.errorOf('OY')!;
		expect(error.message).toBe(`OY! error ${code}: ${message}`);
		expect(error.description).toMatch(advice);
		expect(error.httpCode).toBe(code);
	});

	test('an HTML 403 page from OY’s firewall', async () => {
		sim.fault('/api/whatsapp/send-link', {
			type: 'body',
			status: 403,
			contentType: 'text/html',
			body: '<html><head><title>403 Forbidden</title></head></html>',
		});
		const result = await sendLink('INV-001');
		expect(result.errorOf('OY')!.message).toBe(
			'OY! answered HTTP 403 with an HTML page ("403 Forbidden"), not with its JSON API format',
		);
		expect(result.errorOf('OY')!.description).toMatch(/IP address may not be registered/);
	});

	test('continue on fail keeps going per item', async () => {
		const result = await runWorkflow({
			nodes: [
				node('Start', 'test.start'),
				node(
					'OY',
					'oy',
					{
						resource: 'whatsapp',
						operation: 'sendLink',
						partnerTxId: '={{ $json.tx }}',
						whatsappNumber: '081234567890',
					},
					{ onError: 'continueRegularOutput' },
				),
			],
			credentials: credentialsHelper({ oyApi: oyCredentials() }),
			items: [{ json: { tx: 'INV-001' } }, { json: { tx: 'NOPE' } }, { json: { tx: 'INV-002' } }],
		});
		const out = result.output('OY');
		expect(out.map((o) => Boolean(o.json.error))).toEqual([false, true, false]);
		expect(out[1].json.error).toBe('OY! error 204: Partner Tx ID is not found');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('OY! credential', () => {
	test('base URL per environment', async () => {
		const { oyBaseUrl } = await import('../../nodes/Oy/api');
		expect(oyBaseUrl({ environment: 'production' })).toBe('https://partner.oyindonesia.com');
		expect(oyBaseUrl({ environment: 'staging' })).toBe('https://api-stg.oyindonesia.com');
		expect(oyBaseUrl({ environment: 'custom', baseUrl: 'http://127.0.0.1:4010/' })).toBe(
			'http://127.0.0.1:4010',
		);
	});

	// the Test button itself runs in a real n8n: test/e2e/credentials.e2e.ts
	test.each<Record<string, string>>([
		{ environment: 'production' },
		{ environment: 'staging' },
		{ environment: 'custom', baseUrl: 'http://127.0.0.1:4010/' },
		{ environment: 'custom', baseUrl: ' https://oy.example.test ' },
	])("the credential test's base URL, evaluated by n8n's expression engine: %o", async (data) => {
		const { OY_BASE_URL_EXPRESSION, oyBaseUrl } = await import('../../nodes/Oy/api');
		const testNode = node('Credential test', 'test.start');
		const workflow = createWorkflow([testNode], {});
		const resolved = workflow.expression.getSimpleParameterValue(
			testNode,
			OY_BASE_URL_EXPRESSION,
			'internal',
			{ $credentials: data },
		);
		expect(resolved).toBe(oyBaseUrl(data));
	});
});
