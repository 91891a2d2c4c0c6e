'use strict';
// npm run bench, third part: the Wappin node against n8n's HTTP Request node doing the same job as
// a user would build it (the same template sends, a static Bearer token), side by side in one real
// n8n, against the simulator (latency 50 ms). Two matches: flat out (the HTTP Request node starts
// every item's request at once; the Wappin node at its highest concurrency) and at one rate (HTTP
// Request batching 10 items per 50 ms; the Wappin node's Max Requests per Second 200). Runs are
// interleaved; the figure of each is the node's own execution time in n8n's run data; medians.
// Prints a table, then one JSON line.
const path = require('node:path');

const { startSimulator } = require('../test/simulator');
const { ensureN8n } = require('../scripts/n8n/install');
const { ROOT, launchN8n } = require('../scripts/n8n/instance');
const { paymentReminderParameters, types, workflowNode } = require('../scripts/n8n/workflows');

const ITEMS = Number(process.env.BENCH_HTTP_ITEMS || 1000);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS || 5);
const LATENCY_MS = 50;
const WAPPIN_MAX_CONCURRENCY = 50;
const RATE = 200; // requests per second: 10 per 50 ms
const FOLDER = path.join(ROOT, '.tmp', 'bench-http');

/** The HTTP Request node sending Wappin's payment_reminder template as a user would set it up. */
function httpRequestNode(sim, token, batching) {
	const { wappinApi } = sim.credentialData();
	const body = `={{ JSON.stringify({ client_id: "${wappinApi.clientId}", project_id: "${wappinApi.projectId}", type: "payment_reminder", recipient_number: "62" + $json.phone.replace(/\\D/g, "").replace(/^0/, ""), params: { "1": $json.name, "2": "INV-1" } }) }}`;
	return workflowNode(
		'Send',
		'n8n-nodes-base.httpRequest',
		{
			method: 'POST',
			url: `${sim.url}/v1/message/do-send-hsm`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${token}` }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: body,
			options: batching ? { batching: { batch: { batchSize: 10, batchInterval: 50 } } } : {},
		},
		{ typeVersion: 4.2 },
	);
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

async function main() {
	const log = (line) => process.stdout.write(`[http] ${line}\n`);
	const installed = await ensureN8n({ log });
	const sim = await startSimulator({ latencyMs: LATENCY_MS, statusStepMs: 3600000 });
	let n8n;
	try {
		n8n = await launchN8n({ installed, folder: FOLDER });
		const credentials = await n8n.createSimulatorCredentials(sim, 'http bench');
		const { wappinApi } = sim.credentialData();
		const basic = Buffer.from(`${wappinApi.clientId}:${wappinApi.secretKey}`).toString('base64');
		const token = (
			await (
				await fetch(`${sim.url}/v1/token/get`, {
					method: 'POST',
					headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json' },
					body: '{}',
				})
			).json()
		).data.access_token;
		const wappin = (options) =>
			workflowNode('Send', types.wappin, paymentReminderParameters(options), {
				credentials: { wappinApi: credentials.wappinApi },
			});
		const contenders = {
			'flat out: HTTP Request': httpRequestNode(sim, token, false),
			[`flat out: Wappin, concurrency ${WAPPIN_MAX_CONCURRENCY}`]: wappin({
				concurrency: WAPPIN_MAX_CONCURRENCY,
			}),
			'200/s: HTTP Request, batches of 10 per 50 ms': httpRequestNode(sim, token, true),
			'200/s: Wappin, Max Requests per Second 200': wappin({
				concurrency: WAPPIN_MAX_CONCURRENCY,
				requestsPerSecond: RATE,
			}),
		};
		const flows = {};
		for (const [name, sendNode] of Object.entries(contenders))
			flows[name] = await n8n.webhookWorkflow(`Bench ${name}`, [sendNode]);
		let offset = 0;
		const run = async (name) => {
			const rows = Array.from({ length: ITEMS }, (_, i) => ({
				phone: `0812${String(10000000 + offset + i)}`,
				name: `Customer ${offset + i}`,
			}));
			offset += ITEMS;
			const { status, body } = await flows[name].run(rows, { timeoutMs: 600000 });
			const sent = Array.isArray(body) ? body.filter((item) => item.message_id).length : 0;
			if (status !== 200 || sent !== ITEMS)
				throw new Error(`${name}: HTTP ${status}, ${sent} sent`);
			const execution = await n8n.lastExecution(flows[name].id);
			return execution.data.resultData.runData.Send[0].executionTime;
		};
		const times = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
		for (const name of Object.keys(contenders)) await run(name); // warm-up, not counted
		for (let round = 0; round < ROUNDS; round++) {
			for (const name of Object.keys(contenders)) times[name].push(await run(name));
			log(`round ${round + 1} of ${ROUNDS}`);
		}
		const ideal = {
			flat: (ITEMS / WAPPIN_MAX_CONCURRENCY) * LATENCY_MS,
			rate: (ITEMS / RATE) * 1000,
		};
		const rows = Object.entries(times).map(([name, list]) => {
			const ms = median(list);
			const kind = name.startsWith('flat') ? 'flat' : 'rate';
			return { name, ms, overIdeal: ms / ideal[kind], kind };
		});
		const ratio = (kind) => {
			const [http, ours] = rows.filter((row) => row.kind === kind);
			return ours.ms / http.ms;
		};
		console.log(
			`\nWappin node vs HTTP Request node, real n8n ${installed.version}, ${ITEMS} template sends, latency ${LATENCY_MS} ms, median of ${ROUNDS} interleaved rounds\n`,
		);
		console.log('| match | node time | ms per item | × ideal |');
		console.log('|---|---|---|---|');
		for (const row of rows)
			console.log(
				`| ${row.name} | ${(row.ms / 1000).toFixed(2)} s | ${(row.ms / ITEMS).toFixed(2)} | ${row.overIdeal.toFixed(2)} |`,
			);
		console.log(
			`\nWappin / HTTP Request: flat out ${ratio('flat').toFixed(2)}, at 200/s ${ratio('rate').toFixed(2)} (target ≤ 1.00; ideal: flat out ${ideal.flat} ms for the Wappin node's ${WAPPIN_MAX_CONCURRENCY} in flight, at 200/s ${ideal.rate} ms)`,
		);
		console.log(
			JSON.stringify({
				http_request_comparison: {
					items: ITEMS,
					latency_ms: LATENCY_MS,
					rounds: ROUNDS,
					medians_ms: Object.fromEntries(rows.map((row) => [row.name, Math.round(row.ms)])),
					wappin_over_http_flat_out: Number(ratio('flat').toFixed(3)),
					wappin_over_http_at_200_per_s: Number(ratio('rate').toFixed(3)),
				},
			}),
		);
	} finally {
		await Promise.allSettled([n8n?.stop(), sim.close()]);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
