// Repeated callbacks are folded across a restart of n8n: the triggers record callbacks in n8n's
// deduplication store, in n8n's database. An n8n of its own, restarted in the middle of the test.
import path from 'node:path';

import type { N8nInstance } from '../../scripts/n8n/instance';
import { ROOT, launchN8n } from '../../scripts/n8n/instance';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { connect, deliveredCallback, post, triggeredItems, types, waitFor } from './n8n';

const SECRET = 'restart-suite-secret';
let n8n: N8nInstance;
let sim: Simulator;

beforeAll(async () => {
	const shared = connect();
	sim = await startSimulator();
	n8n = await launchN8n({
		installed: shared.installed,
		folder: path.join(ROOT, '.tmp', 'e2e-restart'),
	});
}, 300_000);
afterAll(async () => {
	await n8n?.stop();
	await sim?.close();
});

const callbacks = {
	wappinTrigger: (id: string) => deliveredCallback.wappinTrigger(sim, id),
	oyTrigger: (id: string) => deliveredCallback.oyTrigger(sim, id),
};

test('repeats that arrive after n8n restarted run nothing past the trigger, for both triggers', async () => {
	const triggers = [];
	for (const name of ['wappinTrigger', 'oyTrigger'] as const) {
		const trigger = await n8n.triggerWorkflow(types[name], { options: { secret: SECRET } });
		const bodies = [1, 2, 3].map((n) => callbacks[name](`restart-${n}-${name}`));
		for (const body of bodies)
			expect((await post(`${trigger.url}?secret=${SECRET}`, body)).status).toBe(200);
		expect(await n8n.waitForExecutions(trigger.id, { count: 3 })).toHaveLength(3);
		triggers.push({ name, trigger, bodies });
	}

	await n8n.stop();
	await n8n.start();

	for (const { name, trigger, bodies } of triggers) {
		const url = `${trigger.url}?secret=${SECRET}`;
		// n8n registers the active workflows' webhooks again at start-up (an empty body starts nothing)
		await waitFor(async () => (await post(url, '{}')).status !== 404, `webhook ${url}`, 60000);
		// the same callbacks again (the provider retrying after missing the answers)
		for (const body of bodies) expect((await post(url, body)).status).toBe(200);
		// and a new one, which does run the workflow
		expect((await post(url, callbacks[name](`after-restart-${name}`))).status).toBe(200);
		const executions = await n8n.waitForExecutions(trigger.id, { count: 7, quietMs: 1500 });
		// the process forgot them: each repeat starts an execution that n8n's deduplication store ends
		// at the trigger, with no items
		expect(executions).toHaveLength(7);
		expect(triggeredItems(executions).map((item) => item.message_id)).toEqual([
			...[1, 2, 3].map((n) => `restart-${n}-${name}`),
			`after-restart-${name}`,
		]);
		expect(executions.filter((e) => e.data.resultData.runData.After)).toHaveLength(4);
	}
}, 300_000);
