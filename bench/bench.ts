// npm run bench: bulk-sending figures, measured side by side in one run on this machine.
// Runs the nodes through n8n-core's engine against the simulator (in its own process, so its
// memory and CPU are not counted) and prints a table, then one JSON line.
import '../test/harness/env';

import { spawn } from 'node:child_process';
import http from 'node:http';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { PACKAGE_ROOT, credentialsHelper, node, runWorkflow } from '../test/harness';
import type * as Simulator from '../test/simulator';
import { paymentReminderParameters } from '../scripts/n8n/workflows';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const LATENCY_MS = 50;
const MEDIA_BYTES = 20 * 1024 * 1024;

async function startSimulatorProcess(): Promise<{ url: string; stop: () => void }> {
	const child = spawn(
		process.execPath,
		[path.join(PACKAGE_ROOT, 'test/simulator/cli.js'), '--port', '0', '--status-step', '3600000'],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
			if (match) resolve(match[1]);
		});
		child.on('exit', () => reject(new Error(`simulator exited: ${out}`)));
	});
	return { url, stop: () => child.kill('SIGTERM') };
}

async function control(
	url: string,
	route: string,
	body?: unknown,
): Promise<Record<string, number>> {
	const response = await fetch(`${url}/__sim/${route}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as Record<string, number>;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function main() {
	const sim = await startSimulatorProcess();
	// plain JavaScript, loaded from the source tree (the bench itself runs compiled, under .tmp/)
	const simulator = require(path.join(PACKAGE_ROOT, 'test/simulator')) as typeof Simulator;
	const { wappinApi, oyApi } = simulator.credentialData(sim.url);
	const wappinCredentials = () => credentialsHelper({ wappinApi });
	const oyCredentials = () => credentialsHelper({ oyApi });
	const rows: Array<[string, string, string]> = [];

	const templateItems = (n: number): INodeExecutionData[] =>
		Array.from({ length: n }, (_, i) => ({
			json: { phone: `0812${String(10000000 + i)}`, name: `Customer ${i}` },
		}));
	const oyItems = (n: number, run: string): INodeExecutionData[] =>
		Array.from({ length: n }, (_, i) => ({ json: { tx: `BULK-${run}-${i}` } }));

	const wappinNode = (options: INodeParameters) =>
		node('Wappin', 'wappin', paymentReminderParameters(options));
	const oyNode = (options: INodeParameters) =>
		node('OY', 'oy', {
			resource: 'whatsapp',
			operation: 'sendLink',
			partnerTxId: '={{ $json.tx }}',
			whatsappNumber: '081234567890',
			options,
		});

	async function timed(run: () => Promise<{ run: { status: string } }>): Promise<number> {
		const start = performance.now();
		const result = await run();
		const elapsed = performance.now() - start;
		if (result.run.status !== 'success') throw new Error('benchmark run failed');
		return elapsed;
	}

	/** the same requests as the node makes, from a plain keep-alive loop without n8n */
	async function rawLoop(
		pathName: string,
		headers: Record<string, string>,
		bodies: string[],
	): Promise<number> {
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const start = performance.now();
		for (const body of bodies) {
			await new Promise<void>((resolve, reject) => {
				const req = http.request(
					`${sim.url}${pathName}`,
					{
						method: 'POST',
						agent,
						headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
					},
					(res) => {
						res.resume();
						res.on('end', () => resolve());
					},
				);
				req.on('error', reject);
				req.end(body);
			});
		}
		const elapsed = performance.now() - start;
		agent.destroy();
		return elapsed;
	}

	await control(sim.url, 'config', { latencyMs: LATENCY_MS });
	const ideal = (ITEMS * LATENCY_MS) / 10;

	// Warm-up, not measured: the first runs load n8n's modules and compile the code paths, which a
	// running n8n has done long before a bulk send.
	const wappin = wappinCredentials();
	const oy = oyCredentials();
	await timed(() =>
		runWorkflow({
			nodes: [node('Start', 'test.start'), wappinNode({ concurrency: 10 })],
			credentials: wappin,
			items: templateItems(ITEMS),
		}),
	);
	await timed(() =>
		runWorkflow({
			nodes: [node('Start', 'test.start'), oyNode({ concurrency: 10 })],
			credentials: oy,
			items: oyItems(ITEMS, 'warm'),
		}),
	);

	/** the median of three runs: one run of 5 s is easily disturbed on a shared machine */
	async function median3(run: (attempt: number) => Promise<number>): Promise<number> {
		const times = [await run(1), await run(2), await run(3)].sort((a, b) => a - b);
		return times[1];
	}

	// 1 + 2: Wappin
	const wappinC10 = await median3(() =>
		timed(() =>
			runWorkflow({
				nodes: [node('Start', 'test.start'), wappinNode({ concurrency: 10 })],
				credentials: wappin,
				items: templateItems(ITEMS),
			}),
		),
	);
	const wappinC1 = await timed(() =>
		runWorkflow({
			nodes: [node('Start', 'test.start'), wappinNode({ concurrency: 1 })],
			credentials: wappin,
			items: templateItems(ITEMS),
		}),
	);
	const token = String(wappin.store.wappinApi.accessToken);
	const wappinBodies = templateItems(ITEMS).map((item) =>
		JSON.stringify({
			client_id: wappinApi.clientId,
			project_id: wappinApi.projectId,
			type: 'payment_reminder',
			recipient_number: `62${String(item.json.phone).slice(1)}`,
			params: { '1': item.json.name, '2': 'INV-1' },
		}),
	);
	const wappinRaw = await rawLoop(
		'/v1/message/do-send-hsm',
		{ authorization: `Bearer ${token}` },
		wappinBodies,
	);
	rows.push([
		`Wappin sendTemplate, ${ITEMS} items, c=10 (median of 3)`,
		`${seconds(wappinC10)} s (ideal ${seconds(ideal)} s)`,
		(wappinC10 / ideal).toFixed(3),
	]);
	// The pacer's turn spacing, switched off in place for comparison (rate limiting is not used here).
	const { RequestPacer } = require(path.join(PACKAGE_ROOT, 'dist/nodes/shared/http/pacer.js')) as {
		RequestPacer: { prototype: { beforeRequest: () => Promise<void> } };
	};
	const spacedStart = RequestPacer.prototype.beforeRequest;
	RequestPacer.prototype.beforeRequest = async () => {};
	const wappinC10Unspaced = await median3(() =>
		timed(() =>
			runWorkflow({
				nodes: [node('Start', 'test.start'), wappinNode({ concurrency: 10 })],
				credentials: wappin,
				items: templateItems(ITEMS),
			}),
		),
	);
	const wappinC1Unspaced = process.env.BENCH_UNSPACED_C1
		? await timed(() =>
				runWorkflow({
					nodes: [node('Start', 'test.start'), wappinNode({ concurrency: 1 })],
					credentials: wappin,
					items: templateItems(ITEMS),
				}),
			)
		: undefined;
	RequestPacer.prototype.beforeRequest = spacedStart;
	rows.push([
		'Wappin sendTemplate, c=10, starts not spaced by the pacer (median of 3)',
		`${seconds(wappinC10Unspaced)} s (ideal ${seconds(ideal)} s)`,
		(wappinC10Unspaced / ideal).toFixed(3),
	]);
	if (wappinC1Unspaced !== undefined) {
		rows.push([
			'Wappin sendTemplate, c=1, starts not spaced, vs plain loop',
			`${seconds(wappinC1Unspaced)} s vs ${seconds(wappinRaw)} s`,
			(wappinC1Unspaced / wappinRaw).toFixed(3),
		]);
	}
	rows.push([
		'Wappin sendTemplate, c=1 vs plain loop',
		`${seconds(wappinC1)} s vs ${seconds(wappinRaw)} s`,
		(wappinC1 / wappinRaw).toFixed(3),
	]);

	// 5: OY!
	const oyC10 = await median3((attempt) =>
		timed(() =>
			runWorkflow({
				nodes: [node('Start', 'test.start'), oyNode({ concurrency: 10 })],
				credentials: oy,
				items: oyItems(ITEMS, `a${attempt}`),
			}),
		),
	);
	const oyC1 = await timed(() =>
		runWorkflow({
			nodes: [node('Start', 'test.start'), oyNode({ concurrency: 1 })],
			credentials: oy,
			items: oyItems(ITEMS, 'b'),
		}),
	);
	const oyBodies = oyItems(ITEMS, 'c').map((item) =>
		JSON.stringify({ partner_tx_id: item.json.tx, whatsapp_number: '6281234567890' }),
	);
	const oyRaw = await rawLoop(
		'/api/whatsapp/send-link',
		{ 'x-oy-username': oyApi.username, 'x-api-key': oyApi.apiKey },
		oyBodies,
	);
	rows.push([
		`OY! sendLink, ${ITEMS} items, c=10 (median of 3)`,
		`${seconds(oyC10)} s (ideal ${seconds(ideal)} s)`,
		(oyC10 / ideal).toFixed(3),
	]);
	rows.push([
		'OY! sendLink, c=1 vs plain loop',
		`${seconds(oyC1)} s vs ${seconds(oyRaw)} s`,
		(oyC1 / oyRaw).toFixed(3),
	]);

	// 3: token requests across 10 executions of 100 items
	await control(sim.url, 'config', { latencyMs: 5 });
	await control(sim.url, 'expire-tokens', {});
	const fresh = wappinCredentials();
	const tokensBefore = (await control(sim.url, 'counters')).tokenRequests;
	for (let execution = 0; execution < 10; execution++) {
		await timed(() =>
			runWorkflow({
				nodes: [node('Start', 'test.start'), wappinNode({ concurrency: 10 })],
				credentials: fresh,
				items: templateItems(100),
			}),
		);
	}
	const tokenRequests = (await control(sim.url, 'counters')).tokenRequests - tokensBefore;
	rows.push([
		'Token requests, 10 executions × 100 items (c=10)',
		String(tokenRequests),
		String(tokenRequests),
	]);

	// 4: memory while sending a 20 MB document stored by n8n's filesystem binary mode
	await control(sim.url, 'config', { latencyMs: 0 });
	const config = Container.get(BinaryDataConfig);
	config.mode = 'filesystem';
	config.localStoragePath = path.join(PACKAGE_ROOT, '.tmp', 'bench-binary');
	await Container.get(BinaryDataService).init();
	const document = Buffer.alloc(MEDIA_BYTES, 'x');
	const stored = await Container.get(BinaryDataService).store(
		{ type: 'execution', workflowId: 'engine-test-workflow', executionId: 'engine-test-execution' },
		document,
		{ data: '', mimeType: 'application/pdf', fileName: 'big.pdf', fileExtension: 'pdf' },
	);
	const used = () => {
		const m = process.memoryUsage();
		return m.heapUsed + m.external; // external already includes arrayBuffers (every Buffer)
	};
	global.gc?.();
	const baseline = used();
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, used())), 2);
	await timed(() =>
		runWorkflow({
			nodes: [
				node('Start', 'test.start'),
				node('Wappin', 'wappin', {
					resource: 'message',
					operation: 'sendMedia',
					recipientNumber: '081234567890',
					mediaType: 'document',
					binaryPropertyName: 'data',
				}),
			],
			credentials: fresh,
			items: [{ json: {}, binary: { data: stored } }],
		}),
	);
	clearInterval(sampler);
	peak = Math.max(peak, used());
	const memoryPerByte = (peak - baseline) / MEDIA_BYTES;
	rows.push([
		'Peak memory growth / 20 MB media sent',
		`${((peak - baseline) / 1048576).toFixed(1)} MB`,
		memoryPerByte.toFixed(3),
	]);

	sim.stop();
	console.log(
		`\nBenchmark ${new Date().toISOString().slice(0, 10)} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · simulator latency ${LATENCY_MS} ms\n`,
	);
	console.log('| figure | measured | ratio |\n|---|---|---|');
	for (const [name, measured, ratio] of rows) console.log(`| ${name} | ${measured} | ${ratio} |`);
	console.log(
		JSON.stringify({
			wappin_c10_vs_ideal: Number((wappinC10 / ideal).toFixed(3)),
			wappin_c1_vs_raw: Number((wappinC1 / wappinRaw).toFixed(3)),
			wappin_c10_unspaced_vs_ideal: Number((wappinC10Unspaced / ideal).toFixed(3)),
			wappin_token_requests: tokenRequests,
			memory_growth_per_media_byte: Number(memoryPerByte.toFixed(3)),
			oy_c10_vs_ideal: Number((oyC10 / ideal).toFixed(3)),
			oy_c1_vs_raw: Number((oyC1 / oyRaw).toFixed(3)),
		}),
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
