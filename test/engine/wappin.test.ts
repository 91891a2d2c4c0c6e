import type { INodeExecutionData } from 'n8n-workflow';

import { credentialsHelper, node, runWorkflow } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 20 });
});
afterAll(async () => sim.close());
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
});

const wappinCredentials = () => ({ wappinApi: sim.credentialData().wappinApi });

async function runWappin(
	parameters: Record<string, unknown>,
	items: INodeExecutionData[] = [{ json: {} }],
	extra = {},
) {
	const credentials = credentialsHelper(wappinCredentials());
	const result = await runWorkflow({
		nodes: [node('Start', 'test.start'), node('Wappin', 'wappin', parameters as never, extra)],
		credentials,
		items,
	});
	return { result, credentials };
}

describe('Wappin → notification → sendTemplate', () => {
	test('sends the documented body and outputs Wappin’s answer', async () => {
		const { result } = await runWappin({
			resource: 'notification',
			operation: 'sendTemplate',
			recipientNumber: '0812-3456-7890',
			templateName: 'johan_test_button',
			languageCode: 'id',
			bodyParameters: {
				parameter: [
					{ value: 'Name' },
					{ value: '8000181008192601' },
					{ value: '034567' },
					{ value: '0345aa67' },
				],
			},
			headerParameter: 'johan setiawan',
			buttonUrl: 'bell.com',
			buttonReplyPayloads: {
				payload: [{ value: 'hsdushfu' }, { value: 'sdfsfd' }, { value: 'payload 3' }],
			},
		});
		expect(result.run.status).toBe('success');
		const [send] = sim.requestsTo('/v1/message/do-send-hsm');
		expect(send.headers.authorization).toMatch(/^Bearer [0-9a-f]{64}$/);
		expect(send.headers['content-type']).toMatch(/^application\/json/);
		expect(send.body).toEqual({
			client_id: '0070',
			project_id: '476',
			type: 'johan_test_button',
			recipient_number: '6281234567890',
			language_code: 'id',
			params: { '1': 'Name', '2': '8000181008192601', '3': '034567', '4': '0345aa67' },
			header: { param: 'johan setiawan' },
			button: {
				url: 'bell.com',
				reply_payload: { '1': 'hsdushfu', '2': 'sdfsfd', '3': 'payload 3' },
			},
		});
		const [out] = result.output('Wappin');
		expect(out.json).toEqual({ message_id: expect.any(String), status: '200', message: 'Success' });
		expect(out.pairedItem).toEqual({ item: 0 });
	});

	test('sends only the parts the user filled in', async () => {
		const { result } = await runWappin({
			resource: 'notification',
			operation: 'sendTemplate',
			recipientNumber: '+62 812 3456 7890',
			templateName: 'welcome_message',
			bodyParameters: { parameter: [{ value: 'Ayu' }] },
		});
		expect(result.run.status).toBe('success');
		expect(sim.requestsTo('/v1/message/do-send-hsm')[0].body).toEqual({
			client_id: '0070',
			project_id: '476',
			type: 'welcome_message',
			recipient_number: '6281234567890',
			params: { '1': 'Ayu' },
		});
	});

	test.each([
		[
			'wrong parameter count',
			{ templateName: 'welcome_message', bodyParameters: {} },
			/Wappin error 400: Message param count do not match/,
			/number of body parameters/,
		],
		[
			'unknown template',
			{ templateName: 'no_such_template' },
			/Wappin error 404: API Notification Template not found or inactive/,
			/Template menu/,
		],
		['inactive template', { templateName: 'old_promo' }, /Wappin error 404/, /not active/],
		[
			'invalid contact',
			{
				templateName: 'welcome_message',
				recipientNumber: '6280000000000',
				bodyParameters: { parameter: [{ value: 'x' }] },
			},
			/Wappin error 601: Contact invalid/,
			/registered on WhatsApp/,
		],
	])('%s → a clear NodeApiError', async (_name, parameters, message, description) => {
		const { result } = await runWappin({
			resource: 'notification',
			operation: 'sendTemplate',
			recipientNumber: '081234567890',
			...parameters,
		});
		expect(result.run.status).toBe('error');
		const error = result.errorOf('Wappin')!;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(description);
		expect(error.context?.itemIndex).toBe(0);
	});
});

const PNG = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	Buffer.from('not really a picture, but bytes'),
]);
const binaryItem = (data: Buffer, fileName: string, mimeType: string): INodeExecutionData => ({
	json: { customer: 'Ayu' },
	binary: {
		data: {
			data: data.toString('base64'),
			fileName,
			mimeType,
			fileExtension: fileName.split('.').pop(),
		},
	},
});

describe('Wappin → notification → sendTemplateWithMedia', () => {
	test('multipart with the file as `media`, params and button as JSON strings', async () => {
		const { result } = await runWappin(
			{
				resource: 'notification',
				operation: 'sendTemplateWithMedia',
				recipientNumber: '628989898989',
				templateName: 'invoice_document',
				languageCode: 'id',
				bodyParameters: { parameter: [{ value: 'Name' }, { value: '={{ $json.customer }}' }] },
				buttonUrl: 'bell.com',
				buttonReplyPayloads: { payload: [{ value: 'hsdushfu' }] },
				binaryPropertyName: 'data',
			},
			[binaryItem(PNG, 'IMG_9180.png', 'image/png')],
		);
		expect(result.run.status).toBe('success');
		const [send] = sim.requestsTo('/v1/message/do-send-hsm-with-media');
		expect(send.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(send.body).toEqual({
			client_id: '0070',
			project_id: '476',
			type: 'invoice_document',
			recipient_number: '628989898989',
			language_code: 'id',
			params: '{"1":"Name","2":"Ayu"}',
			button: '{"url":"bell.com","reply_payload":{"1":"hsdushfu"}}',
		});
		const media = send.parts!.find((p) => p.name === 'media')!;
		expect(media.filename).toBe('IMG_9180.png');
		expect(media.contentType).toBe('image/png');
		expect(media.data.equals(PNG)).toBe(true);
		expect(result.output('Wappin')[0].json).toMatchObject({ status: '200', message: 'Success' });
	});

	test('a missing binary property is an item error before any request', async () => {
		const { result } = await runWappin(
			{
				resource: 'notification',
				operation: 'sendTemplateWithMedia',
				recipientNumber: '628989898989',
				templateName: 'invoice_document',
				bodyParameters: { parameter: [{ value: 'a' }, { value: 'b' }] },
				binaryPropertyName: 'invoice',
			},
			[binaryItem(PNG, 'a.png', 'image/png')],
		);
		expect(result.errorOf('Wappin')!.message).toBe('No binary data in property "invoice"');
		expect(result.errorOf('Wappin')!.description).toMatch(/binary data in: data/);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Wappin → message', () => {
	test('sendText sends the chatbot body', async () => {
		const { result } = await runWappin({
			resource: 'message',
			operation: 'sendText',
			recipientNumber: '082315658823',
			text: 'haihello',
		});
		expect(sim.requestsTo('/v1/message/do-send')[0].body).toEqual({
			client_id: '0070',
			project_id: '476',
			recipient_number: '6282315658823',
			message_content: 'haihello',
		});
		expect(result.output('Wappin')[0].json).toEqual({
			message_id: expect.any(String),
			status: '200',
			message: 'Success',
			data: null,
		});
	});

	test('sendMedia: image with caption', async () => {
		const { result } = await runWappin(
			{
				resource: 'message',
				operation: 'sendMedia',
				recipientNumber: '082315658823',
				mediaType: 'image',
				binaryPropertyName: 'data',
				caption: 'test',
			},
			[binaryItem(PNG, 'photo.png', 'image/png')],
		);
		expect(result.run.status).toBe('success');
		const [send] = sim.requestsTo('/v1/message/do-send-media');
		expect(send.body).toEqual({
			client_id: '0070',
			project_id: '476',
			recipient_number: '6282315658823',
			media_type: 'image',
			caption: 'test',
		});
		expect(send.parts!.find((p) => p.name === 'media')!.data.equals(PNG)).toBe(true);
	});

	test('sendMedia: audio never carries a caption', async () => {
		const mp3 = Buffer.from('ID3 fake mp3 bytes');
		await runWappin(
			{
				resource: 'message',
				operation: 'sendMedia',
				recipientNumber: '082315658823',
				mediaType: 'audio',
				binaryPropertyName: 'data',
				caption: 'ignored',
			},
			[binaryItem(mp3, 'voice.mp3', 'audio/mpeg')],
		);
		const [send] = sim.requestsTo('/v1/message/do-send-media');
		expect(send.body).toEqual({
			client_id: '0070',
			project_id: '476',
			recipient_number: '6282315658823',
			media_type: 'audio',
		});
		expect(send.parts!.find((p) => p.name === 'media')).toMatchObject({
			filename: 'voice.mp3',
			contentType: 'audio/mpeg',
		});
	});

	test('sendMedia: a file Wappin does not accept is refused before any request', async () => {
		const { result } = await runWappin(
			{
				resource: 'message',
				operation: 'sendMedia',
				recipientNumber: '082315658823',
				mediaType: 'image',
				binaryPropertyName: 'data',
			},
			[binaryItem(Buffer.from('GIF89a'), 'anim.gif', 'image/gif')],
		);
		expect(result.errorOf('Wappin')!.message).toBe(
			'Wappin does not accept "anim.gif" (image/gif) as image',
		);
		expect(result.errorOf('Wappin')!.description).toBe('Accepted files for image: JPG, JPEG, PNG.');
		expect(sim.requests).toHaveLength(0);
	});

	test('getStatus returns the history with ISO times and the latest status', async () => {
		const sent = await runWappin({
			resource: 'message',
			operation: 'sendText',
			recipientNumber: '082315658823',
			text: 'hi',
		});
		const messageId = sent.result.output('Wappin')[0].json.message_id as string;
		await sim.settle();
		const { result } = await runWappin({ resource: 'message', operation: 'getStatus', messageId });
		expect(sim.requestsTo('/v1/message/inquiry').at(-1)!.body).toEqual({ message_id: messageId });
		const out = result.output('Wappin')[0].json;
		expect(out).toMatchObject({
			message_id: messageId,
			status: '200',
			message: 'Success',
			latest_status: 'read',
		});
		const history = out.data as Array<{ status: string; timestamp: string; time: string }>;
		expect(history.map((h) => h.status)).toEqual(['sent', 'delivered', 'read']);
		for (const entry of history)
			expect(entry.time).toBe(new Date(Number(entry.timestamp) * 1000).toISOString());
		expect(out.latest_status_time).toBe(history[2].time);
	});

	test('getStatus of an unknown message: 404 with what it means', async () => {
		const { result } = await runWappin({
			resource: 'message',
			operation: 'getStatus',
			messageId: 'nope',
		});
		expect(result.errorOf('Wappin')!.message).toBe('Wappin error 404: Data not Found');
		expect(result.errorOf('Wappin')!.description).toMatch(/no message with this ID/);
	});
});

describe('Wappin phone numbers', () => {
	test.each([
		['0812-3456-7890', '6281234567890'],
		['+62 812 3456 7890', '6281234567890'],
		['62812 3456 7890', '6281234567890'],
		['812.3456.7890', '6281234567890'],
		['(0812) 3456-7890', '6281234567890'],
	])('%s is sent as %s', async (typed, sent) => {
		await runWappin({
			resource: 'message',
			operation: 'sendText',
			recipientNumber: typed,
			text: 'x',
		});
		expect(sim.requestsTo('/v1/message/do-send')[0].body.recipient_number).toBe(sent);
	});

	test.each([
		['', /empty/],
		['+1 415 555 0100', /only Indonesian numbers/],
		['0812-ABC', /characters other than digits/],
		['0812', /not a complete Indonesian number/],
		['62 0812 3456 7890', /not a complete Indonesian number/],
	])('%j is refused before any request', async (typed, reason) => {
		// An expression, as in real workflows: n8n itself refuses an empty fixed value.
		const { result } = await runWappin(
			{ resource: 'message', operation: 'sendText', recipientNumber: '={{ $json.n }}', text: 'x' },
			[{ json: { n: typed } }],
		);
		const error = result.errorOf('Wappin')!;
		expect(error.message).toMatch(reason);
		if (typed) expect(error.message).toContain(`"${typed}"`);
		expect(sim.requests).toHaveLength(0);
	});
});

// n8n's preAuthentication is played here by the engine harness (test/harness/credentials.ts); the same
// renewals in a real n8n, where n8n runs it and saves the token: test/e2e/actions.e2e.ts
describe('Wappin access token, renewal logic of the transport', () => {
	const sendText = {
		resource: 'message',
		operation: 'sendText',
		recipientNumber: '081234567890',
		text: 'hi',
	};

	test('fetched once and reused across executions', async () => {
		const credentials = credentialsHelper(wappinCredentials());
		const before = sim.counters.tokenRequests;
		for (let run = 0; run < 3; run++) {
			const result = await runWorkflow({
				nodes: [node('Start', 'test.start'), node('Wappin', 'wappin', sendText)],
				credentials,
			});
			expect(result.run.status).toBe('success');
		}
		expect(sim.counters.tokenRequests - before).toBe(1);
		expect(credentials.store.wappinApi.accessToken).toMatch(/^[0-9a-f]{64}$/);
		const tokenRequest = sim.requestsTo('/v1/token/get')[0];
		expect(tokenRequest.headers.authorization).toBe(
			`Basic ${Buffer.from('0070:wappin-demo-secret').toString('base64')}`,
		);
	});

	test.each(['body', 'http'] as const)(
		'renewed once after expiry signalled in the %s, request resent once',
		async (signal) => {
			const credentials = credentialsHelper(wappinCredentials());
			const nodes = [node('Start', 'test.start'), node('Wappin', 'wappin', sendText)];
			await runWorkflow({ nodes, credentials });
			const oldToken = credentials.store.wappinApi.accessToken;
			sim.expireTokens({ signal });
			sim.clearRequests();
			const result = await runWorkflow({ nodes, credentials });
			expect(result.run.status).toBe('success');
			expect(credentials.store.wappinApi.accessToken).not.toBe(oldToken);
			// the renewal's carrier is a side-effect-free inquiry; the message is sent once more
			expect(sim.requests.map((r) => r.path)).toEqual([
				'/v1/message/do-send',
				'/v1/token/get',
				'/v1/message/inquiry',
				'/v1/message/do-send',
			]);
		},
	);

	test('20 parallel items after expiry cause one token request, and all succeed', async () => {
		const credentials = credentialsHelper(wappinCredentials());
		const nodes = [
			node('Start', 'test.start'),
			node('Wappin', 'wappin', { ...sendText, options: { concurrency: 20 } }),
		];
		await runWorkflow({ nodes, credentials });
		sim.expireTokens();
		sim.clearRequests();
		sim.configure({ latencyMs: 20 });
		try {
			const items = Array.from({ length: 20 }, (_, i) => ({ json: { i } }));
			const result = await runWorkflow({ nodes, credentials, items });
			expect(result.run.status).toBe('success');
			expect(result.output('Wappin')).toHaveLength(20);
			expect(sim.requestsTo('/v1/token/get')).toHaveLength(1);
		} finally {
			sim.configure({ latencyMs: 0 });
		}
	});

	test('a media send is rebuilt, not replayed, after a token renewal', async () => {
		const credentials = credentialsHelper(wappinCredentials());
		const nodes = [
			node('Start', 'test.start'),
			node('Wappin', 'wappin', {
				resource: 'message',
				operation: 'sendMedia',
				recipientNumber: '081234567890',
				mediaType: 'image',
				binaryPropertyName: 'data',
			}),
		];
		await runWorkflow({ nodes, credentials, items: [binaryItem(PNG, 'p.png', 'image/png')] });
		sim.expireTokens({ signal: 'http' });
		sim.clearRequests();
		const result = await runWorkflow({
			nodes,
			credentials,
			items: [binaryItem(PNG, 'p.png', 'image/png')],
		});
		expect(result.run.status).toBe('success');
		const sends = sim.requestsTo('/v1/message/do-send-media');
		expect(sends).toHaveLength(2);
		for (const send of sends)
			expect(send.parts!.find((p) => p.name === 'media')!.data.equals(PNG)).toBe(true);
	});

	test('a wrong secret key shows Wappin’s message, with one token request for many items', async () => {
		const credentials = credentialsHelper({
			wappinApi: { ...wappinCredentials().wappinApi, secretKey: 'wrong' },
		});
		const before = sim.counters.tokenRequests;
		const result = await runWorkflow({
			nodes: [
				node('Start', 'test.start'),
				node('Wappin', 'wappin', { ...sendText, options: { concurrency: 5 } }),
			],
			credentials,
			items: Array.from({ length: 10 }, () => ({ json: {} })),
		});
		expect(result.run.status).toBe('error');
		expect(result.errorOf('Wappin')!.message).toMatch(
			/Wappin did not issue an access token \(401 Invalid credential\)/,
		);
		expect(sim.counters.tokenRequests - before).toBe(1);
	});
});

describe('Wappin answers that are not successes', () => {
	const sendText = {
		resource: 'message',
		operation: 'sendText',
		recipientNumber: '081234567890',
		text: 'hi',
	};

	test.each([
		['400', 'Error no input received', /number of body parameters/],
		['406', 'Auth not recognize', /did not recognise the authorization/],
		['407', 'IP Address not allowed', /whitelist in the Wappin dashboard/],
		['600', 'Not delivered, Contact validate Failed', /not a valid WhatsApp contact/],
		['605', 'Upload Media Failed', /PDF, DOC\(X\)/],
	])('body status %s → its message and advice', async (code, message, advice) => {
		sim.fault('/v1/message/do-send', {
			type: 'body',
			status: 200,
			body: JSON.stringify({ status: code, message }),
		});
		const { result } = await runWappin(sendText);
		const error = result.errorOf('Wappin')!;
		expect(error.message).toBe(`Wappin error ${code}: ${message}`);
		expect(error.description).toMatch(advice);
		expect(error.httpCode).toBe(code);
	});

	test('an HTML error page', async () => {
		sim.fault('/v1/message/do-send', { type: 'html', status: 502 });
		const { result } = await runWappin(sendText);
		expect(result.errorOf('Wappin')!.message).toBe(
			'Wappin answered HTTP 502 with an HTML page ("502 Bad Gateway"), not with its JSON API format',
		);
		expect(result.errorOf('Wappin')!.description).toMatch(/may or may not have been sent/);
	});

	test('an empty body', async () => {
		sim.fault('/v1/message/do-send', { type: 'body', status: 200, body: '' });
		const { result } = await runWappin(sendText);
		expect(result.errorOf('Wappin')!.message).toBe(
			'Wappin answered HTTP 200 with an empty body, not with its JSON API format',
		);
	});

	test('continue on fail: the failed item carries the error and the next items still run', async () => {
		const items = ['081234567890', '6280000000000', '081234567891'].map((n) => ({ json: { n } }));
		const { result } = await runWappin(
			{ ...sendText, recipientNumber: '={{ $json.n }}', options: { concurrency: 1 } },
			items,
			{ onError: 'continueRegularOutput' },
		);
		expect(result.run.status).toBe('success');
		const out = result.output('Wappin');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.status).toBe('200');
		expect(out[1].json).toMatchObject({ error: 'Wappin error 601: Contact invalid', code: '601' });
		expect(out[1].json.description).toMatch(/registered on WhatsApp/);
		expect(out[2].json.status).toBe('200');
	});
});

describe('per-item parameters read from the item (`={{ $json.field }}`) match what n8n evaluates', () => {
	const items: INodeExecutionData[] = [
		{ json: { phone: '0812-3456-7890', name: 'Ani', amount: 150000, ok: true } },
		{ json: { phone: 6281234567891, name: 'Budi', amount: 0, ok: false } },
		{ json: { phone: '+62 857 1111 2222', name: { nested: 'object' }, amount: 1.5 } },
	];
	/** the same template parameters, as one field of the item or as an expression n8n must evaluate */
	const parameters = (field: (name: string) => string) => ({
		resource: 'notification',
		operation: 'sendTemplate',
		recipientNumber: field('phone'),
		templateName: 'johan_test_button',
		bodyParameters: {
			parameter: [
				{ value: field('name') },
				{ value: field('amount') },
				{ value: field('ok') },
				{ value: field('missing') },
			],
		},
		headerParameter: 'static',
		buttonUrl: 'static',
		options: { concurrency: 1 },
	});

	test('the same requests either way, for strings, numbers, booleans, objects and missing fields', async () => {
		const bodies = [];
		for (const field of [
			(name: string) => `={{ $json.${name} }}`,
			(name: string) => `={{ $json["${name}"] }}`,
			// not one field: n8n evaluates it
			(name: string) => `={{ $json.${name} ?? undefined }}`,
		]) {
			sim.clearRequests();
			const { result } = await runWappin(parameters(field), items);
			expect(result.run.status).toBe('success');
			bodies.push(sim.requestsTo('/v1/message/do-send-hsm').map((send) => send.body));
		}
		expect(bodies[0]).toHaveLength(3);
		expect(bodies[0][1]).toMatchObject({
			recipient_number: '6281234567891',
			params: { '1': 'Budi', '2': '0', '3': 'false', '4': '' },
		});
		expect(bodies[1]).toEqual(bodies[0]);
		expect(bodies[2]).toEqual(bodies[0]);
	});
});
