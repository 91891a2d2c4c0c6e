// Media stored by n8n's filesystem binary-data mode (its default for large files) arrives byte-identical.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';

import { credentialsHelper, node, runWorkflow } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

let sim: Simulator;
let storage: string;
let credentials: ReturnType<typeof credentialsHelper>;
beforeAll(async () => {
	sim = await startSimulator();
	credentials = credentialsHelper({ wappinApi: sim.credentialData().wappinApi });
	const base = path.resolve(__dirname, '../../.tmp');
	mkdirSync(base, { recursive: true });
	storage = mkdtempSync(path.join(base, 'binary-'));
	const config = Container.get(BinaryDataConfig);
	config.mode = 'filesystem';
	config.localStoragePath = storage;
	await Container.get(BinaryDataService).init();
});
afterAll(async () => {
	await sim.close();
	rmSync(storage, { recursive: true, force: true });
});

async function sendStoredPdf() {
	const pdf = Buffer.concat([
		Buffer.from('%PDF-1.4\n'),
		Buffer.alloc(300_000, 7),
		Buffer.from('\n%%EOF'),
	]);
	const stored = await Container.get(BinaryDataService).store(
		{ type: 'execution', workflowId: 'engine-test-workflow', executionId: 'engine-test-execution' },
		pdf,
		{ data: '', mimeType: 'application/pdf', fileName: 'invoice-0001.pdf', fileExtension: 'pdf' },
	);
	expect(stored.id).toMatch(/^filesystem/);
	const result = await runWorkflow({
		nodes: [
			node('Start', 'test.start'),
			node('Wappin', 'wappin', {
				resource: 'message',
				operation: 'sendMedia',
				recipientNumber: '081234567890',
				mediaType: 'document',
				binaryPropertyName: 'data',
				caption: 'Your invoice',
			}),
		],
		credentials,
		items: [{ json: {}, binary: { data: stored } }],
	});
	return { pdf, result };
}

test('a PDF stored on disk is sent as the `media` part, byte-identical, with its name and MIME type', async () => {
	const { pdf, result } = await sendStoredPdf();
	expect(result.run.status).toBe('success');
	const media = sim
		.requestsTo('/v1/message/do-send-media')[0]
		.parts!.find((p) => p.name === 'media')!;
	expect(media).toMatchObject({ filename: 'invoice-0001.pdf', contentType: 'application/pdf' });
	expect(media.data.equals(pdf)).toBe(true);
});

test('a stored file sent again after a 503 is streamed again from its start, whole', async () => {
	sim.clearRequests();
	sim.fault('/v1/message/do-send-media', { type: 'status', status: 503, retryAfter: 0 });
	const { pdf, result } = await sendStoredPdf();
	expect(result.run.status).toBe('success');
	const sends = sim.requestsTo('/v1/message/do-send-media');
	expect(sends).toHaveLength(2);
	for (const send of sends)
		expect(send.parts!.find((p) => p.name === 'media')!.data.equals(pdf)).toBe(true);
});
