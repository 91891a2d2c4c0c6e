// Both action nodes inside a real n8n: every operation, run by workflows over HTTP, against the
// simulator; what each node put out and what the simulator received.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import type { SavedCredentials } from './n8n';
import { connect, nodeOutput, types, workflowNode } from './n8n';

const n8n = connect();
let sim: Simulator;
let credentials: SavedCredentials;

beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 5 });
	credentials = await n8n.createSimulatorCredentials(sim, 'actions');
});
afterAll(async () => {
	await sim?.close();
});
beforeEach(() => sim.clearRequests());

const wappin = (parameters: Record<string, unknown>, extra = {}) =>
	workflowNode('Wappin', types.wappin, parameters, {
		credentials: { wappinApi: credentials.wappinApi },
		...extra,
	});
const oy = (parameters: Record<string, unknown>, extra = {}) =>
	workflowNode('OY', types.oy, parameters, { credentials: { oyApi: credentials.oyApi }, ...extra });

test('n8n loaded the package from its tarball: four nodes, two credential types', async () => {
	const nodes: Array<{ name: string }> = await n8n.rest('GET', '/types/nodes.json');
	const names = nodes.map((type) => type.name);
	for (const type of Object.values(types)) expect(names).toContain(type);
	// the nodes panel searches display names and codex aliases: "WhatsApp" finds all four
	const ours = nodes.filter((type: any) => Object.values(types).includes(type.name)) as any[];
	for (const type of ours) {
		expect(type.codex?.alias).toEqual(expect.arrayContaining(['WhatsApp', 'WA', 'notification']));
		const waits = type.name === types.wappin;
		expect(type.codex?.categories).toEqual(waits ? ['Communication', 'HITL'] : ['Communication']);
	}
	// Send and Wait puts Wappin under "Human in the Loop", and n8n 2.x makes it an agent's review gate
	const wappin = ours.find((type) => type.name === types.wappin);
	expect(wappin.codex.subcategories).toEqual({ HITL: ['Human in the Loop'] });
	if (!n8n.installed.version.startsWith('1.')) expect(names).toContain(`${types.wappin}HitlTool`);
	const credentialTypes: Array<{ name: string }> = await n8n.rest('GET', '/types/credentials.json');
	expect(credentialTypes.map((type) => type.name)).toEqual(
		expect.arrayContaining(['oyApi', 'wappinApi']),
	);
});

describe('Wappin', () => {
	test('Send Template: one item per row, numbers normalized, a bad number is an item error beside the others', async () => {
		const flow = await n8n.webhookWorkflow('E2E Wappin send template', [
			wappin(
				{
					resource: 'notification',
					operation: 'sendTemplate',
					recipientNumber: '={{ $json.phone }}',
					templateName: 'payment_reminder',
					bodyParameters: {
						parameter: [{ value: '={{ $json.name }}' }, { value: '={{ $json.amount }}' }],
					},
					options: { concurrency: 3 },
				},
				{ onError: 'continueRegularOutput' },
			),
		]);
		const rows = [
			{ phone: '0812-3456-7890', name: 'Ani', amount: 'Rp 100.000' },
			{ phone: 'not a number', name: 'Budi', amount: 'Rp 5' },
			{ phone: '+62 857 1111 2222', name: 'Citra', amount: 'Rp 250.000' },
		];
		const { status, body } = await flow.run(rows);
		expect(status).toBe(200);
		expect(body).toHaveLength(3);
		expect(body[0]).toEqual({ message_id: expect.any(String), status: '200', message: 'Success' });
		expect(body[1].error).toMatch(/not a WhatsApp number|phone|number/i);
		expect(body[2]).toMatchObject({ status: '200' });
		const sends = sim.requestsTo('/v1/message/do-send-hsm');
		expect(sends.map((send) => send.body.recipient_number).sort()).toEqual([
			'6281234567890',
			'6285711112222',
		]);
		expect(
			sends.find((send) => send.body.recipient_number === '6281234567890')!.body,
		).toMatchObject({
			client_id: sim.config.wappin.clientId,
			project_id: sim.config.wappin.projectId,
			type: 'payment_reminder',
			params: { '1': 'Ani', '2': 'Rp 100.000' },
		});
	});

	test('Send Template With Media and Send Media: binary data read from a file in the workflow', async () => {
		const pdf = Buffer.concat([
			Buffer.from('%PDF-1.4\n'),
			Buffer.alloc(300 * 1024, 7),
			Buffer.from('\n%%EOF\n'),
		]);
		const file = path.join(n8n.filesFolder, 'invoice-INV-001.pdf');
		writeFileSync(file, pdf);
		const read = workflowNode('Read File', 'n8n-nodes-base.readWriteFile', {
			operation: 'read',
			fileSelector: file,
			options: {},
		});
		const flow = await n8n.webhookWorkflow('E2E Wappin media', [
			read,
			wappin({
				resource: 'notification',
				operation: 'sendTemplateWithMedia',
				recipientNumber: '={{ $("Rows").item.json.phone }}',
				templateName: 'invoice_document',
				bodyParameters: { parameter: [{ value: 'Ani' }, { value: 'INV-001' }] },
				binaryPropertyName: 'data',
			}),
		]);
		const { status, body } = await flow.run([{ phone: '081234567890' }]);
		expect(status).toBe(200);
		expect(body).toEqual([expect.objectContaining({ status: '200', message: 'Success' })]);
		const [send] = sim.requestsTo('/v1/message/do-send-hsm-with-media');
		expect(send.body).toMatchObject({
			type: 'invoice_document',
			recipient_number: '6281234567890',
		});
		const media = send.parts!.find((part) => part.name === 'media')!;
		expect(media.filename).toBe('invoice-INV-001.pdf');
		expect(media.contentType).toBe('application/pdf');
		expect(media.data.equals(pdf)).toBe(true);

		const mediaFlow = await n8n.webhookWorkflow('E2E Wappin send media', [
			workflowNode('Read File', 'n8n-nodes-base.readWriteFile', {
				operation: 'read',
				fileSelector: file,
				options: {},
			}),
			wappin({
				resource: 'message',
				operation: 'sendMedia',
				recipientNumber: '6281234567890',
				mediaType: 'document',
				caption: 'Your invoice',
			}),
		]);
		expect((await mediaFlow.run([{}])).status).toBe(200);
		const [mediaSend] = sim.requestsTo('/v1/message/do-send-media');
		expect(mediaSend.body).toMatchObject({ media_type: 'document', caption: 'Your invoice' });
		expect(mediaSend.parts!.find((part) => part.name === 'media')!.data.equals(pdf)).toBe(true);
	});

	test('Send Text, then Get Status of the message sent', async () => {
		const send = await n8n.webhookWorkflow('E2E Wappin send text', [
			wappin({
				resource: 'message',
				operation: 'sendText',
				recipientNumber: '={{ $json.phone }}',
				text: '={{ $json.text }}',
			}),
		]);
		const sent = await send.run([{ phone: '6281234567890', text: 'Halo from n8n' }]);
		expect(sent.status).toBe(200);
		const messageId = sent.body[0].message_id;
		expect(sim.requestsTo('/v1/message/do-send')[0].body).toMatchObject({
			recipient_number: '6281234567890',
			message_content: 'Halo from n8n',
		});
		await sim.settle();

		const status = await n8n.webhookWorkflow('E2E Wappin get status', [
			wappin({ resource: 'message', operation: 'getStatus', messageId: '={{ $json.id }}' }),
		]);
		const answer = await status.run([{ id: messageId }]);
		expect(answer.status).toBe(200);
		expect(answer.body[0]).toMatchObject({ message_id: messageId, latest_status: 'read' });
	});

	test.each([
		{ signal: 'body', concurrency: 1 },
		{ signal: 'http', concurrency: 5 },
	] as const)(
		'a token that expires in the middle of a run (%o) is renewed once, saved by n8n, and no item fails',
		async ({ signal, concurrency }) => {
			const flow = await n8n.webhookWorkflow(`E2E Wappin token renewal ${signal}`, [
				wappin({
					resource: 'message',
					operation: 'sendText',
					recipientNumber: '6281234567890',
					text: '={{ "Message " + $json.n }}',
					options: { concurrency },
				}),
			]);
			await flow.run([{ n: 0 }]); // the credential now holds a token
			sim.clearRequests();
			sim.configure({ latencyMs: 40 });
			const tokensBefore = sim.counters.tokenRequests;
			let expired = false;
			const watcher = setInterval(() => {
				if (!expired && sim.requestsTo('/v1/message/do-send').length >= 4) {
					expired = true;
					sim.expireTokens({ signal });
				}
			}, 2);
			try {
				const rows = Array.from({ length: 10 }, (_, n) => ({ n }));
				const { status, body } = await flow.run(rows);
				expect(status).toBe(200);
				expect(body).toHaveLength(10);
				for (const item of body) expect(item).toMatchObject({ status: '200', message: 'Success' });
			} finally {
				clearInterval(watcher);
				sim.configure({ latencyMs: 0 });
			}
			expect(expired).toBe(true);
			expect(sim.counters.tokenRequests - tokensBefore).toBe(1);
			const texts = sim.requestsTo('/v1/message/do-send').map((r) => r.body.message_content);
			// the rejected send was sent again after the renewal; every message is there
			expect(new Set(texts)).toEqual(new Set(Array.from({ length: 10 }, (_, n) => `Message ${n}`)));

			// n8n stored the new token: the next execution asks for none
			const tokensAfterRun = sim.counters.tokenRequests;
			expect((await flow.run([{ n: 99 }])).status).toBe(200);
			expect(sim.counters.tokenRequests).toBe(tokensAfterRun);
		},
	);

	test('a Wappin error stops the workflow with the code and what to do, shown in the execution', async () => {
		const flow = await n8n.webhookWorkflow('E2E Wappin unknown template', [
			wappin({
				resource: 'notification',
				operation: 'sendTemplate',
				recipientNumber: '6281234567890',
				templateName: 'no_such_template',
			}),
		]);
		const { status } = await flow.run([{}]);
		expect(status).toBe(500);
		const execution = await n8n.lastExecution(flow.id);
		expect(execution.status).toBe('error');
		const error = execution.data.resultData.error;
		expect(error.message).toMatch(/^Wappin error \d+/);
		expect(error.description).toBeTruthy();
		expect(JSON.stringify(execution)).not.toContain(sim.config.wappin.secretKey);
	});
});

describe('OY! Indonesia', () => {
	test("Send Link: queued messages as items, the number normalized, OY!'s field names kept", async () => {
		const flow = await n8n.webhookWorkflow('E2E OY send link', [
			oy({
				resource: 'whatsapp',
				operation: 'sendLink',
				partnerTxId: '={{ $json.tx }}',
				whatsappNumber: '={{ $json.phone }}',
			}),
		]);
		const { status, body } = await flow.run([
			{ tx: 'INV-001', phone: '0812 3456 7890' },
			{ tx: 'PL-001', phone: '+6285711112222' },
		]);
		expect(status).toBe(200);
		expect(body).toEqual([
			expect.objectContaining({
				partner_tx_id: 'INV-001',
				whatsapp_number: '6281234567890',
				success_queued: true,
				message_id: expect.any(String),
			}),
			expect.objectContaining({
				partner_tx_id: 'PL-001',
				whatsapp_number: '6285711112222',
				success_queued: true,
			}),
		]);
		const sends = sim.requestsTo('/api/whatsapp/send-link');
		expect(sends).toHaveLength(2);
		expect(sends[0].headers['x-oy-username']).toBe(sim.config.oy.username);
		expect(sends[0].headers['x-api-key']).toBe(sim.config.oy.apiKey);
	});

	test('an unknown transaction is an item error with continue-on-fail, and the next item still goes out', async () => {
		const flow = await n8n.webhookWorkflow('E2E OY errors', [
			oy(
				{
					resource: 'whatsapp',
					operation: 'sendLink',
					partnerTxId: '={{ $json.tx }}',
					whatsappNumber: '6281234567890',
				},
				{ onError: 'continueRegularOutput' },
			),
		]);
		const { body } = await flow.run([{ tx: 'NO-SUCH-TX' }, { tx: 'INV-002' }]);
		expect(body[0].error).toBeTruthy();
		expect(body[1]).toMatchObject({ partner_tx_id: 'INV-002', success_queued: true });
		const execution = await n8n.lastExecution(flow.id);
		expect(nodeOutput(execution, 'OY')).toHaveLength(2);
		expect(JSON.stringify(execution)).not.toContain(sim.config.oy.apiKey);
	});
});
