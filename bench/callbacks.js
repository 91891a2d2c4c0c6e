'use strict';
// npm run bench, fourth part: callbacks per second in one real n8n process, both triggers against
// n8n's own Webhook node, with n8n's default and with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true.
// Five workflows take turns (rounds in a rotating order after an uncounted warm-up; medians):
// the Wappin Trigger as the editor adds it (version 2, secret in a credential) and as saved
// workflows have it (version 1.1, secret in the workflow), the OY! Trigger version 2, and n8n's
// Webhook node bare and with Header Auth (the same protection a secret gives). Each load: distinct
// callbacks, 16 in flight; the next one starts once the previous one's executions have finished.
// Prints a table, then one JSON line.
const path = require('node:path');

const { startSimulator } = require('../test/simulator');
const { ensureN8n } = require('../scripts/n8n/install');
const { ROOT, launchN8n } = require('../scripts/n8n/instance');
const { deliveredCallback, inParallel, post, types } = require('../scripts/n8n/workflows');

const CALLBACKS = Number(process.env.BENCH_CALLBACKS || 400);
const ROUNDS = Number(process.env.BENCH_CALLBACK_ROUNDS || 3);
const IN_FLIGHT = 16;
const SECRET = 'bench-callback-secret-5d1e';
const SETTINGS = {
	"n8n's default": {},
	'lazy isolates': { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The five workflows of one n8n: { label, id, url, headers, body(id) } each. */
async function targets(n8n, sim) {
	const { wappinCallbackApi, oyCallbackApi } = await n8n.createCallbackCredentials(SECRET, 'bench');
	const trigger = async (label, name, parameters, typeVersion, credentials) => {
		const { id, url } = await n8n.triggerWorkflow(types[name], parameters, {
			typeVersion,
			credentials,
		});
		return { label, id, url: `${url}?secret=${SECRET}`, headers: {}, name };
	};
	const webhookNode = async (label, headerAuthSecret) => {
		const workflow = await n8n.plainWebhookWorkflow(`Bench ${label}`, { headerAuthSecret });
		const { id, headers } = workflow;
		return { label, id, url: `${n8n.url}${workflow.path}`, headers, name: 'wappinTrigger' };
	};
	const list = [
		await trigger(
			'Wappin Trigger 2 (credential)',
			'wappinTrigger',
			{ authentication: 'callbackSecret' },
			2,
			{ wappinCallbackApi },
		),
		await trigger(
			'Wappin Trigger 1.1 (secret in workflow)',
			'wappinTrigger',
			{ options: { secret: SECRET } },
			1.1,
		),
		await trigger(
			'OY! Trigger 2 (credential)',
			'oyTrigger',
			{ authentication: 'callbackSecret' },
			2,
			{ oyCallbackApi },
		),
		await webhookNode("n8n's Webhook node"),
		await webhookNode("n8n's Webhook node, Header Auth", SECRET),
	];
	return list.map((target) => ({
		...target,
		executions: 0,
		body: (id) => JSON.stringify(deliveredCallback[target.name](sim, id)),
	}));
}

/** `count` distinct callbacks to a target; answers callbacks per second once all executions ended. */
async function load(n8n, target, count, tag) {
	const bodies = Array.from({ length: count }, (_, i) => target.body(`${tag}-${target.id}-${i}`));
	const started = Date.now();
	const answers = await inParallel(
		IN_FLIGHT,
		bodies.map((body) => () => post(target.url, body, target.headers)),
	);
	const seconds = (Date.now() - started) / 1000;
	const refused = answers.filter((answer) => answer.status !== 200);
	if (refused.length > 0)
		throw new Error(`${target.label}: ${refused.length} answers not 200: ${refused[0].body}`);
	target.executions += count;
	await n8n.waitForExecutions(target.id, {
		count: target.executions,
		quietMs: 1000,
		timeoutMs: 600000,
	});
	return count / seconds;
}

async function main() {
	const log = (line) => process.stdout.write(`[callbacks] ${line}\n`);
	const installed = await ensureN8n({ log });
	const sim = await startSimulator({ statusStepMs: 3600000 });
	const results = {};
	try {
		for (const [setting, extraEnv] of Object.entries(SETTINGS)) {
			const n8n = await launchN8n({
				installed,
				folder: path.join(ROOT, '.tmp', 'bench-callbacks'),
				extraEnv,
			});
			try {
				const list = await targets(n8n, sim);
				for (const target of list) await load(n8n, target, CALLBACKS / 2, 'warm-up');
				const rates = new Map(list.map((target) => [target.label, []]));
				for (let round = 0; round < ROUNDS; round++) {
					for (let k = 0; k < list.length; k++) {
						const target = list[(round + k) % list.length];
						rates.get(target.label).push(await load(n8n, target, CALLBACKS, `round-${round}`));
					}
					log(`${setting}: round ${round + 1} of ${ROUNDS}`);
				}
				results[setting] = Object.fromEntries(
					[...rates].map(([label, list]) => [label, median(list)]),
				);
			} finally {
				await n8n.stop();
			}
		}
	} finally {
		await sim.close();
	}
	const labels = Object.keys(results[Object.keys(SETTINGS)[0]]);
	const yardstick = "n8n's Webhook node";
	console.log(
		`\nCallbacks per second in one n8n ${installed.version} process, ${CALLBACKS} distinct callbacks per load, ${IN_FLIGHT} in flight, median of ${ROUNDS} interleaved rounds (× the bare Webhook node)\n`,
	);
	console.log(`| workflow | ${Object.keys(SETTINGS).join(' | ')} |`);
	console.log(
		`|---|${Object.keys(SETTINGS)
			.map(() => '---')
			.join('|')}|`,
	);
	for (const label of labels)
		console.log(
			`| ${label} | ${Object.values(results)
				.map(
					(rates) => `${rates[label].toFixed(1)} (${(rates[label] / rates[yardstick]).toFixed(2)})`,
				)
				.join(' | ')} |`,
		);
	console.log(
		JSON.stringify({
			callbacks_per_second: {
				callbacks: CALLBACKS,
				in_flight: IN_FLIGHT,
				rounds: ROUNDS,
				medians: Object.fromEntries(
					Object.entries(results).map(([setting, rates]) => [
						setting,
						Object.fromEntries(
							Object.entries(rates).map(([label, rate]) => [label, Number(rate.toFixed(1))]),
						),
					]),
				),
			},
		}),
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
