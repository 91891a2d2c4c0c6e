// Repeated callbacks are folded across a restart of n8n: the triggers remember recent callbacks
// in the workflow's static data, which n8n keeps in its database. An n8n of its own, restarted
// in the middle of the test.
import path from 'node:path';

import type { N8nInstance } from '../../scripts/n8n/instance';
import { ROOT, launchN8n } from '../../scripts/n8n/instance';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { connect, nodeOutput, post, types, waitFor } from './n8n';

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
	wappinTrigger: (id: string) => ({
		...sim.wappinMessageCallback('6281234567890', '-'),
		message_id: id,
		callback_type: 'status',
		status_messages: 'delivered',
	}),
	oyTrigger: (id: string) => ({
		partner_tx_id: 'INV-001',
		message_id: id,
		whatsapp_number: '6281234567890',
		status: 'delivered',
	}),
};

test('a repeat that arrives after n8n restarted starts no second execution, for both triggers', async () => {
	const triggers = [];
	for (const name of ['wappinTrigger', 'oyTrigger'] as const) {
		const trigger = await n8n.triggerWorkflow(types[name], { options: { secret: SECRET } });
		const body = callbacks[name](`restart-${name}`);
		expect((await post(`${trigger.url}?secret=${SECRET}`, body)).status).toBe(200);
		expect(await n8n.waitForExecutions(trigger.id, { count: 1 })).toHaveLength(1);
		triggers.push({ name, trigger, body });
	}

	await n8n.stop();
	await n8n.start();

	for (const { name, trigger, body } of triggers) {
		const url = `${trigger.url}?secret=${SECRET}`;
		// n8n registers the active workflows' webhooks again at start-up (an empty body starts nothing)
		await waitFor(async () => (await post(url, '{}')).status !== 404, `webhook ${url}`, 60000);
		// the same callback again (the provider retrying after missing the answer)
		const repeat = await post(url, body);
		expect(repeat.status).toBe(200);
		// and a new one, which does start an execution
		expect((await post(url, callbacks[name](`after-restart-${name}`))).status).toBe(200);
		const executions = await n8n.waitForExecutions(trigger.id, { count: 2, quietMs: 1500 });
		expect(executions.map((e) => nodeOutput(e, 'Trigger')[0].message_id)).toEqual([
			`restart-${name}`,
			`after-restart-${name}`,
		]);
	}
}, 300_000);
