'use strict';
// npm run bench, second part: how the cost of one Wappin bulk send grows with its size, with Send
// Once off and on. Runs in a real n8n (Send Once needs n8n's deduplication store, which only a
// real n8n has), installed and started by the test toolkit, against the simulator in this
// process (latency 1 ms), concurrency 20. Prints a table, then one JSON line.
const fs = require('node:fs');
const path = require('node:path');

const { startSimulator } = require('../test/simulator');
const { ensureN8n } = require('../scripts/n8n/install');
const { ROOT, launchN8n } = require('../scripts/n8n/instance');
const { paymentReminderParameters, types, workflowNode } = require('../scripts/n8n/workflows');

const SIZES = (process.env.BENCH_SCALE_SIZES || '1000,10000,100000').split(',').map(Number);
const FOLDER = path.join(ROOT, '.tmp', 'bench-scale');

/** The n8n process's resident memory in bytes (its task runner is another process). */
function rssOf(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
	if (kb === undefined) throw new Error('n8n is no longer running: see .tmp/bench-scale/n8n.log');
	return Number(kb) * 1024;
}

async function main() {
	const log = (line) => process.stdout.write(`[scale] ${line}\n`);
	const installed = await ensureN8n({ log });
	const sim = await startSimulator({ latencyMs: 1, statusStepMs: 3600000 });
	let n8n;
	try {
		n8n = await launchN8n({ installed, folder: FOLDER });
		const credentials = await n8n.createSimulatorCredentials(sim, 'scale bench');
		let offset = 0;
		/** one execution of `size` distinct sends; ms per item and RSS growth per item */
		const measure = async (size, sendOnce) => {
			const flow = await n8n.webhookWorkflow(`Scale ${size} ${sendOnce ? 'once' : 'plain'}`, [
				workflowNode(
					'Wappin',
					types.wappin,
					paymentReminderParameters({ concurrency: 20, sendOnce }),
					{ credentials: { wappinApi: credentials.wappinApi } },
				),
			]);
			const rows = Array.from({ length: size }, (_, i) => ({
				phone: `0812${String(10000000 + offset + i)}`,
				name: `Customer ${offset + i}`,
			}));
			offset += size;
			sim.clearRequests();
			sim.messages.clear();
			const baseline = rssOf(n8n.process.pid);
			let peak = baseline;
			let lost;
			const sampler = setInterval(() => {
				try {
					peak = Math.max(peak, rssOf(n8n.process.pid));
				} catch (error) {
					lost = error;
				}
			}, 50);
			const started = performance.now();
			const { status, body } = await flow.run(rows, { timeoutMs: 3_600_000 });
			const elapsed = performance.now() - started;
			clearInterval(sampler);
			if (lost) throw lost;
			const sent = Array.isArray(body) ? body.filter((item) => item.message_id).length : 0;
			if (status !== 200 || sent !== size) {
				throw new Error(`${size} sends, Send Once ${sendOnce}: HTTP ${status}, ${sent} sent`);
			}
			return { msPerItem: elapsed / size, rssPerItem: (peak - baseline) / size };
		};
		await measure(1000, false); // warm-up, not counted
		const rows = [];
		for (const size of SIZES) {
			const off = await measure(size, false);
			const on = await measure(size, true);
			rows.push({ size, off, on });
			log(`${size}: ${off.msPerItem.toFixed(3)} / ${on.msPerItem.toFixed(3)} ms per item`);
		}
		const first = rows[0];
		const last = rows.at(-1);
		console.log(
			`\nScale, real n8n ${installed.version}, Wappin Send Template, latency 1 ms, concurrency 20\n`,
		);
		console.log(
			'| sends | ms/item, Send Once off | ms/item, on | on / off | RSS growth/item off | on |',
		);
		console.log('|---|---|---|---|---|---|');
		for (const { size, off, on } of rows) {
			console.log(
				`| ${size.toLocaleString('en')} | ${off.msPerItem.toFixed(3)} | ${on.msPerItem.toFixed(3)} | ${(on.msPerItem / off.msPerItem).toFixed(3)} | ${(off.rssPerItem / 1024).toFixed(2)} KB | ${(on.rssPerItem / 1024).toFixed(2)} KB |`,
			);
		}
		console.log(
			JSON.stringify({
				scale: rows.map(({ size, off, on }) => ({
					size,
					ms_per_item_off: Number(off.msPerItem.toFixed(4)),
					ms_per_item_on: Number(on.msPerItem.toFixed(4)),
					rss_kb_per_item_off: Number((off.rssPerItem / 1024).toFixed(3)),
					rss_kb_per_item_on: Number((on.rssPerItem / 1024).toFixed(3)),
				})),
				largest_vs_smallest_per_item_off: Number(
					(last.off.msPerItem / first.off.msPerItem).toFixed(3),
				),
				largest_vs_smallest_per_item_on: Number(
					(last.on.msPerItem / first.on.msPerItem).toFixed(3),
				),
				send_once_cost_at_largest: Number((last.on.msPerItem / last.off.msPerItem).toFixed(3)),
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
