// n8n in queue mode, as users who send at volume run it: Postgres, Redis, one main process, two
// webhook processes and two workers (scripts/n8n/queue.js). Repeated callbacks folded across
// processes and restarts (a repeat that reaches the process that took the original starts nothing;
// one that reaches another process, or comes after a restart, starts an execution that n8n's
// deduplication store ends at the trigger), a load spread over both webhook processes, sends run by
// workers, one token renewal per worker, Send Once across workers. Prints its figures; see the
// README's queue-mode section.
import path from 'node:path';

import type { SavedCredentials } from '../../scripts/n8n/instance';
import { ROOT } from '../../scripts/n8n/instance';
import { N8N_VERSION, ensureN8n } from '../../scripts/n8n/install';
import type { QueueDeployment } from '../../scripts/n8n/queue';
import { executionsByWorker, launchQueueN8n } from '../../scripts/n8n/queue';
import {
	answerLinkIn,
	approvalParameters,
	deliveredCallback,
	inParallel,
	nodeOutput,
	paymentReminderParameters,
	post,
	submitAnswer,
	triggeredItems,
	types,
	waitFor,
	workflowNode,
} from '../../scripts/n8n/workflows';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

const SECRET = 'queue-suite-secret';
const VERSION = N8N_VERSION;
let deployment: QueueDeployment;
let sim: Simulator;
let credentials: SavedCredentials;
let callbackCredentials: Record<string, { id: string; name: string }>;
const figures: Array<[string, string]> = [];
const log = (line: string) => process.stdout.write(`[queue] ${line}\n`);

beforeAll(async () => {
	const started = Date.now();
	sim = await startSimulator({ statusStepMs: 3600000 });
	const installed = await ensureN8n({ version: VERSION, log });
	deployment = await launchQueueN8n({
		installed,
		folder: path.join(ROOT, '.tmp', 'e2e-queue'),
		log,
	});
	credentials = await deployment.main.createSimulatorCredentials(sim, 'queue');
	callbackCredentials = await deployment.main.createCallbackCredentials(SECRET, 'queue');
	figures.push([
		'start-up: Postgres, Redis, main, 2 webhook processes, 2 workers',
		seconds(started),
	]);
}, 900_000);
afterAll(async () => {
	await deployment?.stop();
	await sim?.close();
	process.stdout.write(
		`\nQueue-mode figures (real n8n ${VERSION}, 2 webhook processes, 2 workers):\n`,
	);
	for (const [name, value] of figures) process.stdout.write(`  ${name.padEnd(64)} ${value}\n`);
});

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The same path on webhook process `index` (0 or 1). */
const onProcess = (url: string, index: number) =>
	url.replace(deployment.main.webhookUrl, deployment.webhookProcesses[index].url);

const callbacks = {
	wappinTrigger: (id: string) => deliveredCallback.wappinTrigger(sim, id),
	oyTrigger: (id: string) => deliveredCallback.oyTrigger(sim, id),
	/** an OY! payment callback whose payment (tx_ref_number) is `id` */
	oyPayment: (id: string) => ({
		partner_tx_id: `QUEUE${id.replace(/[^A-Za-z0-9]/g, '')}`,
		tx_ref_number: id,
		amount: 50000,
		paid_amount: 50000,
		status: 'complete',
		payment_method: 'VA',
		settlement_type: 'realtime',
		settlement_status: 'SUCCESS',
	}),
};
const TRIGGERS = ['wappinTrigger', 'oyTrigger'] as const;
const CALLBACK_CREDENTIAL = { wappinTrigger: 'wappinCallbackApi', oyTrigger: 'oyCallbackApi' };
/** rounds of the lazy-isolate load, each target once per round, after WARM_UP callbacks each */
const LAZY_ROUNDS = 3;
const WARM_UP = 300;
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A trigger workflow whose callback URL answers on both webhook processes; [url on 1, url on 2]. */
async function triggerOnBothProcesses(kind: (typeof TRIGGERS)[number] | 'oyPayment') {
	// version 2, as the editor adds it: the secret in a callback credential
	const payment = kind === 'oyPayment';
	const name = payment ? 'oyTrigger' : kind;
	const credentialType = CALLBACK_CREDENTIAL[name];
	const trigger = await deployment.main.triggerWorkflow(
		types[name],
		{ authentication: 'callbackSecret', ...(payment ? { event: 'payment' } : {}) },
		{ typeVersion: 2, credentials: { [credentialType]: callbackCredentials[credentialType] } },
	);
	const urls = [0, 1].map((i) => `${onProcess(trigger.url, i)}?secret=${SECRET}`);
	for (const url of urls)
		await waitFor(async () => (await post(url, '{}')).status !== 404, `webhook ${url}`, 60000);
	return { id: trigger.id, urls };
}

/** message_id (payments: tx_ref_number) of every callback that ran the workflow past its trigger */
const delivered = (executions: any[]) =>
	triggeredItems(executions).map((item) => item.message_id ?? item.tx_ref_number);
const endedAtTrigger = (executions: any[]) =>
	executions.filter((e) => nodeOutput(e, 'Trigger').length === 0).length;

test('a repeat to the other webhook process, and one after a webhook process restarted, run nothing past the trigger (both triggers, and OY! payments)', async () => {
	const main = deployment.main;
	const flows = [];
	for (const name of [...TRIGGERS, 'oyPayment'] as const) {
		const { id, urls } = await triggerOnBothProcesses(name);
		const body = callbacks[name](`other-process-${name}`);
		expect((await post(urls[0], body)).status).toBe(200);
		expect(await main.waitForExecutions(id, { count: 1 })).toHaveLength(1);
		// one second later the provider sends it again, and the load balancer picks the other process
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await post(urls[1], body)).status).toBe(200);
		expect((await post(urls[1], callbacks[name](`second-${name}`))).status).toBe(200);
		const executions = await main.waitForExecutions(id, { count: 3, quietMs: 1500 });
		expect(delivered(executions)).toEqual([`other-process-${name}`, `second-${name}`]);
		expect(endedAtTrigger(executions)).toBe(1);
		const restartBody = callbacks[name](`before-restart-${name}`);
		expect((await post(urls[0], restartBody)).status).toBe(200);
		expect(await main.waitForExecutions(id, { count: 4 })).toHaveLength(4);
		flows.push({ name, id, urls, restartBody });
	}

	const restarted = Date.now();
	const [first] = deployment.webhookProcesses;
	await first.stop();
	await first.start();
	figures.push(['restart of a webhook process', seconds(restarted)]);

	for (const { name, id, urls, restartBody } of flows) {
		// the restarted process has no memory of its own: only n8n's database remembers
		expect((await post(urls[0], restartBody)).status).toBe(200);
		expect((await post(urls[0], callbacks[name](`after-restart-${name}`))).status).toBe(200);
		const executions = await main.waitForExecutions(id, { count: 6, quietMs: 1500 });
		expect(delivered(executions)).toEqual([
			`other-process-${name}`,
			`second-${name}`,
			`before-restart-${name}`,
			`after-restart-${name}`,
		]);
		expect(endedAtTrigger(executions)).toBe(2);
	}
}, 600_000);

/**
 * 1,000 distinct bodies and 300 of them again, round-robin over both webhook processes, 8 in
 * flight; each repeat goes, once its original was answered and 40 sends later, to the process that
 * did not take the original. Answers the answers and the seconds it took.
 */
async function roundRobinLoad(urls: string[], distinct: string[], headers = {}) {
	const repeated = new Set(Array.from({ length: 300 }, (_, k) => (k * 7) % 1000));
	const answered: Array<Promise<unknown>> = [];
	const tasks: Array<() => Promise<{ status: number; body: string }>> = [];
	for (let i = 0; i < 1040; i++) {
		if (i < 1000) {
			const index = i;
			tasks.push(() => {
				const answer = post(urls[index % 2], distinct[index], headers);
				answered[index] = answer;
				return answer;
			});
		}
		const original = i - 40;
		if (repeated.has(original))
			tasks.push(async () => {
				await answered[original];
				return await post(urls[1 - (original % 2)], distinct[original], headers);
			});
	}
	const started = Date.now();
	const answers = await inParallel(8, tasks);
	return { answers, seconds: (Date.now() - started) / 1000 };
}

/** A workflow that takes the round-robin load: a trigger's or n8n's own Webhook node's. */
interface LoadTarget {
	label: string;
	id: string;
	/** [url on webhook process 1, url on webhook process 2] */
	urls: string[];
	/** headers every request carries */
	headers?: Record<string, string>;
	/** a body the target accepts, unique per id */
	body: (id: string) => object;
	/** executions it has had so far */
	executions: number;
}

const triggerTarget = async (name: (typeof TRIGGERS)[number]): Promise<LoadTarget> => ({
	label: name,
	...(await triggerOnBothProcesses(name)),
	body: callbacks[name],
	executions: 0,
});

/**
 * n8n's own Webhook node (version 2, answers at once), taking the same Wappin bodies; with
 * `headerAuth`, protected as a user protects it: Header Auth, the secret in an X-Callback-Secret header.
 */
async function webhookNodeTarget(tag: string, headerAuth = false): Promise<LoadTarget> {
	const workflow = await deployment.main.plainWebhookWorkflow(
		`Queue load, n8n Webhook node ${tag}${headerAuth ? ', Header Auth' : ''}`,
		{ headerAuthSecret: headerAuth ? SECRET : undefined },
	);
	const { headers } = workflow;
	const urls = deployment.webhookProcesses.map((p) => `${p.url}${workflow.path}`);
	for (const url of urls)
		await waitFor(
			async () => (await post(url, '{}', headers)).status === 200,
			`webhook ${url}`,
			60000,
		);
	const executions = (await deployment.main.waitForExecutions(workflow.id, { count: 2 })).length;
	return {
		label: headerAuth ? "n8n's Webhook node with Header Auth" : "n8n's Webhook node",
		id: workflow.id,
		urls,
		headers,
		body: callbacks.wappinTrigger,
		executions,
	};
}

/**
 * 1,000 distinct bodies + 300 repeats round-robin (roundRobinLoad) to a target; answers requests
 * per second per webhook process and, once all have finished, every execution of the target (1,300
 * more: a repeat to a trigger gives an execution that ends at the trigger).
 */
async function loadRate(target: LoadTarget, tag: string) {
	const distinct = Array.from({ length: 1000 }, (_, i) =>
		JSON.stringify(target.body(`${tag}-${target.label}-${i}`)),
	);
	const cpuBefore = deployment.cpuSeconds();
	const { answers, seconds: elapsed } = await roundRobinLoad(target.urls, distinct, target.headers);
	expect(answers.filter((a) => a.status !== 200)).toEqual([]);
	target.executions += 1300;
	const executions = await deployment.main.waitForExecutions(target.id, {
		count: target.executions,
		quietMs: 3000,
		timeoutMs: 600000,
	});
	expect(executions).toHaveLength(target.executions);
	const cpuAfter = deployment.cpuSeconds();
	// CPU milliseconds per request, by part of the deployment, until its execution had finished
	const cpuMs = Object.fromEntries(
		Object.keys(cpuAfter).map((part) => [part, ((cpuAfter[part] - cpuBefore[part]) * 1000) / 1300]),
	);
	return { rate: 1300 / elapsed / 2, executions, cpuMs };
}

/** callbacks per second per webhook process in the load test, by trigger */
const rates: Record<string, number> = {};

test.each(TRIGGERS)(
	'%s: 1,000 distinct callbacks + 300 repeats round-robin over both processes, every repeat to the other one: each distinct one runs the workflow, repeats (almost) never',
	async (name) => {
		// every repeat reaches the other process: 1,300 executions, 300 of them end at the trigger
		const { rate, executions } = await loadRate(await triggerTarget(name), 'load');
		rates[name] = rate;
		const ids = delivered(executions);
		expect(new Set(ids).size).toBe(1000);
		expect(executions.every((e) => e.status === 'success')).toBe(true);
		// n8n's deduplication store has no lock: a repeat whose execution runs on the other worker at
		// the same moment as its original's can pass too. Counted: 0 to 3 of 300 in 20 loads; a fold
		// that did not work would let most of the 300 through
		const ranTwice = ids.length - 1000;
		figures.push([
			`${name}: 1,300 callbacks (300 repeats to the other process) → workflow runs`,
			`${ids.length} (${endedAtTrigger(executions)} executions ended at the trigger, ${ranTwice} repeats ran)`,
		]);
		expect(ranTwice).toBeLessThanOrEqual(15);
		figures.push([
			`${name}: callbacks per second, per webhook process (8 in flight)`,
			rates[name].toFixed(1),
		]);
		const perWorker = executionsByWorker(deployment);
		const mine = new Set(executions.map((e) => String(e.id)));
		figures.push([
			`${name}: executions per worker`,
			Object.entries(perWorker)
				.map(([worker, list]) => `${worker} ${list.filter((e) => mine.has(e)).length}`)
				.join(', '),
		]);
	},
	900_000,
);

test("for comparison: n8n's own Webhook node, the same 1,300 requests round-robin over both processes", async () => {
	const { rate: theirs } = await loadRate(await webhookNodeTarget('default'), 'default');
	figures.push(["n8n's Webhook node: requests per second, per webhook process", theirs.toFixed(1)]);
	figures.push([
		'Wappin Trigger / Webhook node, callbacks per second',
		(rates.wappinTrigger / theirs).toFixed(2),
	]);
}, 900_000);

test.each([2, 8])(
	"the same callback to both webhook processes at the same moment, %i pairs in flight: measured (n8n's store has no lock)",
	async (pairsInFlight) => {
		const { id, urls } = await triggerOnBothProcesses('wappinTrigger');
		const count = 100;
		const bodies = Array.from({ length: count }, (_, i) =>
			JSON.stringify(callbacks.wappinTrigger(`simultaneous-${pairsInFlight}-${i}`)),
		);
		const answers = await inParallel(
			pairsInFlight,
			bodies.map((body) => () => Promise.all(urls.map((url) => post(url, body)))),
		);
		expect(answers.flat().every((a) => a.status === 200)).toBe(true);
		const executions = await deployment.main.waitForExecutions(id, {
			count: 2 * count,
			quietMs: 3000,
			timeoutMs: 300000,
		});
		const perCallback = new Map<string, number>();
		for (const messageId of delivered(executions))
			perCallback.set(messageId, (perCallback.get(messageId) ?? 0) + 1);
		// none lost, none more than once per process
		expect(perCallback.size).toBe(count);
		expect(Math.max(...perCallback.values())).toBeLessThanOrEqual(2);
		const doubled = [...perCallback.values()].filter((n) => n === 2).length;
		figures.push([
			`same callback to both processes at once, ${pairsInFlight} pairs in flight: ran the workflow twice`,
			`${doubled} of ${count}`,
		]);
	},
	600_000,
);

describe('sends on workers', () => {
	const wappin = (parameters: Record<string, unknown>) =>
		workflowNode('Wappin', types.wappin, parameters, {
			credentials: { wappinApi: credentials.wappinApi },
		});
	const sendText = (options: Record<string, unknown> = {}) =>
		wappin({
			resource: 'message',
			operation: 'sendText',
			recipientNumber: '={{ $json.phone }}',
			text: '={{ "Queue message " + $json.n }}',
			options,
		});
	const workerOf = (executionId: string) =>
		Object.entries(executionsByWorker(deployment)).find(([, ids]) =>
			ids.includes(String(executionId)),
		)?.[0];

	test('a Wappin send started by a webhook is executed by a worker, with the send’s output', async () => {
		const flow = await deployment.main.webhookWorkflow('Queue Wappin send', [sendText()]);
		const { status, body } = await flow.run([{ phone: '081234567890', n: 1 }]);
		expect(status).toBe(200);
		expect(body).toHaveLength(1);
		expect(body[0]).toMatchObject({ status: '200', message: 'Success' });
		expect(sim.messages.get(body[0].message_id)).toMatchObject({ recipient: '6281234567890' });
		const execution = await deployment.main.lastExecution(flow.id);
		expect(execution.status).toBe('success');
		expect(workerOf(execution.id)).toMatch(/^worker-[12]$/);
	});

	test('after the token expired, 4 executions at once over 2 workers: at most one token request per worker, every send succeeds, the next execution asks for none', async () => {
		const flow = await deployment.main.webhookWorkflow('Queue Wappin token', [
			sendText({ concurrency: 3 }),
		]);
		expect((await flow.run([{ phone: '6281234567890', n: 0 }])).status).toBe(200);
		sim.expireTokens();
		sim.configure({ latencyMs: 100 }); // the 4 executions overlap
		const before = sim.counters.tokenRequests;
		const started = Date.now();
		let runs;
		try {
			runs = await Promise.all(
				[1, 2, 3, 4].map((run) =>
					flow.run(
						[1, 2, 3].map((n) => ({ phone: '6281234567890', n: run * 10 + n })),
						{ timeoutMs: 60000 },
					),
				),
			);
		} finally {
			sim.configure({ latencyMs: 0 });
		}
		const elapsed = seconds(started);
		for (const { status, body } of runs) {
			expect(status).toBe(200);
			expect(body).toHaveLength(3);
			for (const item of body) expect(item).toMatchObject({ status: '200', message: 'Success' });
		}
		const executions = (await deployment.main.executions(flow.id))
			.sort((a, b) => Number(a.id) - Number(b.id))
			.slice(-4);
		const workers = executions.map((e) => workerOf(e.id));
		expect(workers.every((worker) => worker !== undefined)).toBe(true);
		const tokenRequests = sim.counters.tokenRequests - before;
		expect(tokenRequests).toBeGreaterThanOrEqual(1);
		expect(tokenRequests).toBeLessThanOrEqual(new Set(workers).size);

		const after = sim.counters.tokenRequests;
		expect((await flow.run([{ phone: '6281234567890', n: 99 }])).status).toBe(200);
		expect(sim.counters.tokenRequests).toBe(after);
		figures.push([
			'token expired, 4 executions at once: token requests, workers used',
			`${tokenRequests}, ${workers.join(' ')} (${elapsed})`,
		]);
	});

	/** A new workflow whose Wappin node sends reminders with Send Once (its store row does not exist yet). */
	async function sendOnceFlow(name: string, firstPhone: number) {
		const flow = await deployment.main.webhookWorkflow(name, [
			wappin(paymentReminderParameters({ sendOnce: true, concurrency: 5 })),
		]);
		const rows = Array.from({ length: 10 }, (_, i) => ({
			phone: `62813${firstPhone + i}`,
			name: `Customer ${i}`,
		}));
		const before = new Set(sim.messages.keys());
		/** how many messages each recipient got since the flow was made */
		const perRecipient = () => {
			const counts = new Map<string, number>();
			for (const [id, message] of sim.messages)
				if (!before.has(id))
					counts.set(message.recipient, (counts.get(message.recipient) ?? 0) + 1);
			return counts;
		};
		return { flow, rows, perRecipient };
	}

	test('Send Once across workers: a second run of the same 10 reminders sends nothing', async () => {
		const { flow, rows, perRecipient } = await sendOnceFlow('Queue send once', 4000000);
		const first = await flow.run(rows);
		expect(first.status).toBe(200);
		expect(first.body.filter((item: any) => item.skipped)).toEqual([]);
		const second = await flow.run(rows);
		expect(second.status).toBe(200);
		expect(second.body).toHaveLength(10);
		expect(second.body.every((item: any) => item.skipped === true)).toBe(true);
		const counts = perRecipient();
		expect([...counts.keys()].sort()).toEqual(rows.map((r) => r.phone).sort());
		expect([...counts.values()].every((n) => n === 1)).toBe(true);
		const executions = (await deployment.main.executions(flow.id)).map((e) => workerOf(e.id));
		figures.push([
			'Send Once: 2 runs of 10 reminders, messages sent, workers',
			`10, ${executions.join(' ')}`,
		]);
	});

	test("Send Once on a node's first use: two executions at the same moment both succeed (5 trials; n8n's store has no lock)", async () => {
		let twice = 0;
		for (let trial = 0; trial < 5; trial++) {
			const { flow, rows, perRecipient } = await sendOnceFlow(
				`Queue send once at once ${trial}`,
				5000000 + trial * 100,
			);
			const runs = await Promise.all([flow.run(rows), flow.run(rows)]);
			// both insert the store's first row; the one the database refuses asks the store again
			expect(runs.map((run) => run.status)).toEqual([200, 200]);
			const counts = perRecipient();
			// nobody missed, nobody more than once per execution
			expect([...counts.keys()].sort()).toEqual(rows.map((r) => r.phone).sort());
			expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
			twice += [...counts.values()].filter((n) => n === 2).length;
		}
		figures.push([
			'Send Once: 5 × the same 10 reminders in 2 first-use executions at once, sent twice',
			`${twice} of 50`,
		]);
	});
});

test('Send and Wait: the link opens on one webhook process, the answer on the other resumes the execution on a worker', async () => {
	const main = deployment.main;
	const approver = '6281277778888';
	const flow = await main.startedWorkflow('Queue send and wait', [
		workflowNode('Wappin', types.wappin, approvalParameters(approver, 'Approve the payout?'), {
			credentials: { wappinApi: credentials.wappinApi },
		}),
		workflowNode('After', 'n8n-nodes-base.noOp'),
	]);
	expect(await flow.start({})).toBe(200);
	const waiting = await main.executionWithStatus(flow.id, 'waiting', 60000);
	const [sent] = sim
		.requestsTo('/v1/message/do-send')
		.filter((send) => send.body.recipient_number === approver);
	// n8n 2.x signs the path and query, not the host: any webhook process behind the load balancer serves it
	const { pathname, search } = new URL(answerLinkIn(sent.body.message_content));
	const [first, second] = deployment.webhookProcesses.map((p) => `${p.url}${pathname}${search}`);
	const page = await fetch(first);
	expect(page.status).toBe(200);
	expect(await page.text()).toContain('Approve the payout?');
	expect((await main.newestExecution(flow.id)).status).toBe('waiting');
	expect((await submitAnswer(second, { approved: 'true' })).status).toBe(200);
	const done = await main.resumedExecution(waiting, 'success', 60000);
	expect(nodeOutput(done, 'Wappin')[0].data.approved).toBe(true);
	expect(nodeOutput(done, 'After')).toHaveLength(1);
	const runs = Object.values(executionsByWorker(deployment))
		.flat()
		.filter((id) => id === String(waiting.id));
	// the first part and the resumed part each ran as a job on a worker
	expect(runs.length).toBeGreaterThanOrEqual(2);
}, 180_000);

test("with n8n's N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true on every process: callbacks per second of both triggers and of n8n's Webhook node, interleaved", async () => {
	const restarted = Date.now();
	await deployment.restartWith({ N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' });
	figures.push(['restart of every process with lazy expression isolates', seconds(restarted)]);
	const targets = [
		...(await Promise.all(TRIGGERS.map(triggerTarget))),
		await webhookNodeTarget('lazy'),
		await webhookNodeTarget('lazy', true),
	];
	// freshly started processes run slower at first: warm every target up, uncounted
	for (const target of targets) {
		const warmUp = Array.from({ length: WARM_UP }, (_, i) =>
			JSON.stringify(target.body(`warm-${target.label}-${i}`)),
		);
		await inParallel(
			8,
			warmUp.map((body, i) => () => post(target.urls[i % 2], body, target.headers)),
		);
		target.executions += WARM_UP;
		await deployment.main.waitForExecutions(target.id, {
			count: target.executions,
			quietMs: 2000,
			timeoutMs: 300000,
		});
	}
	// rounds in a rotating order, so that no target always runs first or last
	const measured = new Map(targets.map((target) => [target.label, [] as number[]]));
	const cpu = new Map(targets.map((target) => [target.label, [] as Array<Record<string, number>>]));
	for (let round = 0; round < LAZY_ROUNDS; round++)
		for (let k = 0; k < targets.length; k++) {
			const target = targets[(round + k) % targets.length];
			const { rate, executions, cpuMs } = await loadRate(target, `lazy-${round}`);
			measured.get(target.label)!.push(rate);
			cpu.get(target.label)!.push(cpuMs);
			if (target.label in callbacks)
				expect(new Set(delivered(executions)).size).toBe(WARM_UP + 1000 * (round + 1));
		}
	const medianOf = (label: string) => median(measured.get(label)!);
	for (const name of TRIGGERS) {
		const own = medianOf(name);
		for (const yardstick of ["n8n's Webhook node", "n8n's Webhook node with Header Auth"])
			figures.push([
				`lazy isolates: ${name} / ${yardstick} (medians of ${LAZY_ROUNDS})`,
				`${own.toFixed(1)} / ${medianOf(yardstick).toFixed(1)} = ${(own / medianOf(yardstick)).toFixed(2)}`,
			]);
	}
	for (const [label, list] of measured) {
		figures.push([`lazy isolates: ${label}, per round`, list.map((r) => r.toFixed(1)).join(', ')]);
		const rounds = cpu.get(label)!;
		figures.push([
			`  CPU ms per request (medians): ${label}`,
			Object.keys(rounds[0])
				.map((part) => `${part} ${median(rounds.map((r) => r[part])).toFixed(1)}`)
				.join(', '),
		]);
	}
}, 1_800_000);
