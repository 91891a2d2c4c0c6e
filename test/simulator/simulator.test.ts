// The simulator accepts the documents' own examples and rejects what the real APIs reject.
import type { Simulator } from '.';
import { startSimulator } from '.';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 5 });
});
afterAll(async () => sim.close());

async function call(
	path: string,
	init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
) {
	const body =
		init.body === undefined || init.body instanceof FormData || typeof init.body === 'string'
			? init.body
			: JSON.stringify(init.body);
	const response = await fetch(sim.url + path, {
		method: init.method ?? 'POST',
		headers: {
			...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
			...init.headers,
		},
		body: body as FormData | string | undefined,
	});
	const text = await response.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, json, text };
}

const oyHeaders = { 'X-Oy-Username': 'oy-demo', 'X-Api-Key': 'oy-demo-api-key' };
const basic = (secret = 'wappin-demo-secret') => ({
	Authorization: `Basic ${Buffer.from(`0070:${secret}`).toString('base64')}`,
});
async function bearer() {
	const { json } = await call('/v1/token/get', { headers: basic() });
	return { Authorization: `Bearer ${json.data.access_token}` };
}

/** A send of the payment_reminder template (2 body variables, nothing else), with changes. */
const reminderSend = (change: Record<string, unknown> = {}) => ({
	client_id: '0070',
	project_id: '476',
	type: 'payment_reminder',
	recipient_number: '6281234567890',
	params: { '1': 'a', '2': 'b' },
	...change,
});

describe('OY!', () => {
	test('the documented send-link example (with a known transaction)', async () => {
		const { status, json } = await call('/api/whatsapp/send-link', {
			headers: oyHeaders,
			body: { partner_tx_id: 'INV-001', whatsapp_number: '621234567890' },
		});
		expect(status).toBe(200);
		expect(json).toEqual({
			status: { code: '000', message: 'Success' },
			data: {
				partner_tx_id: 'INV-001',
				whatsapp_number: '621234567890',
				success_queued: true,
				message_id: expect.any(String),
			},
		});
	});

	test.each([
		[
			'no credentials',
			{},
			{ partner_tx_id: 'INV-002', whatsapp_number: '621234567890' },
			403,
			'201',
		],
		[
			'a wrong key',
			{ ...oyHeaders, 'X-Api-Key': 'x' },
			{ partner_tx_id: 'INV-002', whatsapp_number: '621234567890' },
			403,
			'208',
		],
		['a missing field', oyHeaders, { partner_tx_id: 'INV-002' }, 400, '990'],
		[
			'a number with +',
			oyHeaders,
			{ partner_tx_id: 'INV-002', whatsapp_number: '+621234567890' },
			400,
			'990',
		],
		[
			'an unknown transaction',
			oyHeaders,
			{ partner_tx_id: 'NOPE', whatsapp_number: '621234567890' },
			200,
			'204',
		],
	])('rejects %s', async (_name, headers, body, http, code) => {
		const { status, json } = await call('/api/whatsapp/send-link', { headers, body });
		expect(status).toBe(http);
		expect(json.status.code).toBe(code);
	});

	test('a second send for the same transaction is a duplicate (203)', async () => {
		const body = { partner_tx_id: 'PL-001', whatsapp_number: '621234567890' };
		expect(
			(await call('/api/whatsapp/send-link', { headers: oyHeaders, body })).json.status.code,
		).toBe('000');
		expect(
			(await call('/api/whatsapp/send-link', { headers: oyHeaders, body })).json.status.code,
		).toBe('203');
	});

	test('balance: the documented success shape, and 207 when the IP is not registered', async () => {
		const ok = await call('/api/balance', { method: 'GET', headers: oyHeaders });
		expect(ok.json).toMatchObject({
			status: { code: '000', message: 'Success' },
			balance: expect.any(Number),
			availableBalance: expect.any(Number),
		});
		sim.configure({ oy: { ipAllowed: false } });
		const refused = await call('/api/balance', { method: 'GET', headers: oyHeaders });
		sim.configure({ oy: { ipAllowed: true } });
		expect([refused.status, refused.json.status.code]).toEqual([403, '207']);
	});
});

describe('Wappin', () => {
	test('token: documented shape, "Token not expired" while valid, Basic auth checked', async () => {
		const first = await call('/v1/token/get', { headers: basic() });
		expect(first.json).toEqual({
			status: '200',
			message: expect.stringMatching(/^(Success|Token not expired)$/),
			data: {
				access_token: expect.any(String),
				expired_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
				token_type: 'access_token',
			},
		});
		const again = await call('/v1/token/get', { headers: basic() });
		expect(again.json.message).toBe('Token not expired');
		expect(again.json.data.access_token).toBe(first.json.data.access_token);
		expect((await call('/v1/token/get', { headers: basic('wrong') })).json).toEqual({
			status: '401',
			message: 'Invalid credential',
			data: null,
		});
		expect((await call('/v1/token/get')).json.status).toBe('406');
	});

	test('the documented HSM example', async () => {
		const { status, json } = await call('/v1/message/do-send-hsm', {
			headers: await bearer(),
			body: {
				client_id: '0070',
				project_id: '476',
				type: 'johan_test_button',
				recipient_number: '6281327666166',
				language_code: 'id',
				params: { '1': 'Name', '2': '8000181008192601', '3': '034567', '4': '0345aa67' },
				button: {
					url: 'bell.com',
					reply_payload: { '1': 'hsdushfu', '2': 'sdfsfd', '3': 'payload 3' },
				},
				header: { param: 'johan setiawan' },
			},
		});
		expect(status).toBe(200);
		expect(json).toEqual({ message_id: expect.any(String), status: '200', message: 'Success' });
	});

	test.each([
		['an expired token', 'expired', {}, '401'],
		['no token', 'none', {}, '406'],
		['another project', 'ok', { project_id: '999' }, '400'],
		['a wrong parameter count', 'ok', { params: { '1': 'a' } }, '400'],
		['an unknown template', 'ok', { type: 'nope' }, '404'],
		['a language the template lacks', 'ok', { language_code: 'fr' }, '404'],
		['an invalid contact', 'ok', { recipient_number: '6280000000000' }, '601'],
	])('HSM rejects %s with HTTP 200 and the code in the body', async (_name, auth, change, code) => {
		const headers =
			auth === 'none'
				? {}
				: auth === 'expired'
					? { Authorization: 'Bearer stale' }
					: await bearer();
		const body = reminderSend(change);
		const { status, json } = await call('/v1/message/do-send-hsm', { headers, body });
		expect(status).toBe(200);
		expect(json.status).toBe(code);
	});

	test.each([
		['no header variable', { header: undefined }],
		['no URL button variable', { button: { reply_payload: { '1': 'a' } } }],
		[
			'more payloads than quick replies',
			{ button: { url: 'x', reply_payload: { '1': 'a', '2': 'b', '3': 'c', '4': 'd' } } },
		],
	])(
		'a template with a header, a URL button and 3 quick replies refuses %s',
		async (_name, change) => {
			const body = {
				client_id: '0070',
				project_id: '476',
				type: 'johan_test_button',
				recipient_number: '6281234567890',
				params: { '1': 'a', '2': 'b', '3': 'c', '4': 'd' },
				header: { param: 'Budi' },
				button: { url: 'x' },
				...change,
			};
			const { json } = await call('/v1/message/do-send-hsm', { headers: await bearer(), body });
			expect(json).toMatchObject({ status: '400', message: 'Message param count do not match' });
			const fine = {
				...body,
				header: { param: 'Budi' },
				button: { url: 'x', reply_payload: { '1': 'a' } },
			};
			expect(
				(await call('/v1/message/do-send-hsm', { headers: await bearer(), body: fine })).json
					.status,
			).toBe('200');
		},
	);

	test('a wrong count of body, header or URL button variables: "Message param count do not match"', async () => {
		for (const change of [
			{ params: { '1': 'a' } },
			{ header: { param: 'Budi' } },
			{ button: { url: 'x' } },
		]) {
			const body = reminderSend(change);
			const { json } = await call('/v1/message/do-send-hsm', { headers: await bearer(), body });
			expect(json).toMatchObject({ status: '400', message: 'Message param count do not match' });
		}
	});

	test('HSM with media: multipart, params and button as JSON strings; invalid file kind → 605', async () => {
		const form = () => {
			const data = new FormData();
			for (const [k, v] of Object.entries({
				client_id: '0070',
				project_id: '476',
				type: 'invoice_document',
				recipient_number: '628989898989',
				language_code: 'id',
				params: '{"1":"Name","2":"8000181008192601"}',
				button: '{"url":"bell.com","reply_payload":{"1":"hsdushfu","2":"sdfsdd","3":"payload 3"}}',
			}))
				data.append(k, v);
			return data;
		};
		const good = form();
		good.append(
			'media',
			new Blob([Buffer.from('jpeg bytes')], { type: 'image/jpeg' }),
			'IMG_9180.JPG',
		);
		expect(
			(await call('/v1/message/do-send-hsm-with-media', { headers: await bearer(), body: good }))
				.json.status,
		).toBe('200');
		const bad = form();
		bad.append(
			'media',
			new Blob([Buffer.from('exe')], { type: 'application/octet-stream' }),
			'virus.exe',
		);
		expect(
			(await call('/v1/message/do-send-hsm-with-media', { headers: await bearer(), body: bad }))
				.json,
		).toEqual({ status: '605', message: 'Upload Media Failed' });
		expect(
			(
				await call('/v1/message/do-send-hsm-with-media', {
					headers: await bearer(),
					body: { type: 'invoice_document' },
				})
			).json.status,
		).toBe('400');
	});

	test('send text (the documented 08… example) and media with an invalid media_type', async () => {
		const text = await call('/v1/message/do-send', {
			headers: await bearer(),
			body: {
				client_id: '0070',
				project_id: '476',
				message_content: 'haihello',
				recipient_number: '082315658823',
			},
		});
		expect(text.json).toEqual({
			message_id: expect.any(String),
			status: '200',
			message: 'Success',
			data: null,
		});
		const data = new FormData();
		for (const [k, v] of Object.entries({
			client_id: '0070',
			project_id: '476',
			recipient_number: '082315658823',
			media_type: 'video',
		}))
			data.append(k, v);
		data.append('media', new Blob([Buffer.from('x')]), 'clip.mp4');
		expect(
			(await call('/v1/message/do-send-media', { headers: await bearer(), body: data })).json
				.status,
		).toBe('605');
	});

	test('inquiry follows what was sent: sent → delivered → read, or failed', async () => {
		const headers = await bearer();
		const send = async (recipient: string) =>
			(
				await call('/v1/message/do-send', {
					headers,
					body: {
						client_id: '0070',
						project_id: '476',
						message_content: 'x',
						recipient_number: recipient,
					},
				})
			).json.message_id;
		const ok = await send('081234567890');
		const failing = await send('6289999999999');
		await sim.settle();
		const history = async (id: string) =>
			(await call('/v1/message/inquiry', { headers, body: { message_id: id } })).json.data.map(
				(d: { status: string }) => d.status,
			);
		expect(await history(ok)).toEqual(['sent', 'delivered', 'read']);
		expect(await history(failing)).toEqual(['sent', 'failed']);
		expect(
			(await call('/v1/message/inquiry', { headers, body: { message_id: 'none' } })).json,
		).toEqual({ status: '404', message: 'Data not Found' });
	});

	test('callbacks are retried 3 more times unless answered {"status":"000"}', async () => {
		const received: string[] = [];
		const http = await import('node:http');
		const receiver = http.createServer((req, res) => {
			received.push(req.url ?? '');
			res.end(received.length < 3 ? 'nope' : '{"status":"000"}');
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/cb`;
		const record = await sim.sendIncomingMessage('628989229471', 'tesss', { url });
		expect(record.attempts.map((a) => a.body)).toEqual(['nope', 'nope', '{"status":"000"}']);
		expect(record.payload).toMatchObject({
			status_messages: '-',
			message_content: 'tesss',
			environment: 'PRODUCTION',
			callback_type: 'message',
		});
		received.length = 0;
		const never = await sim.postCallback('wappin', { message_id: 'x' }, { url });
		expect(never.attempts).toHaveLength(3); // third answer acknowledges
		receiver.close();
	});

	test('faults: 429 with Retry-After, HTML page, reset', async () => {
		sim.fault('/v1/message/inquiry', { type: 'status', status: 429, retryAfter: 2 });
		const limited = await fetch(`${sim.url}/v1/message/inquiry`, { method: 'POST' });
		expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '2']);
		sim.fault('/v1/message/inquiry', { type: 'html' });
		expect(await (await fetch(`${sim.url}/v1/message/inquiry`, { method: 'POST' })).text()).toMatch(
			/<title>502 Bad Gateway/,
		);
		sim.fault('/v1/message/inquiry', { type: 'reset' });
		await expect(fetch(`${sim.url}/v1/message/inquiry`, { method: 'POST' })).rejects.toThrow();
	});
});
