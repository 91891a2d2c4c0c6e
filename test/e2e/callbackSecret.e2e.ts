// Callback secrets kept in credentials (trigger version 2), not in workflows: what a callback must
// carry, what an exported workflow holds, and that saved workflows of the older versions (secret
// in options.secret) run unchanged. In a real n8n, over HTTP.
import { readFileSync } from 'node:fs';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { SECRET_KEPT_MS } from '../../nodes/shared/callbacks/guard';
import { connect, deliveredCallback, post, triggeredItems, types } from './n8n';

const n8n = connect();
let sim: Simulator;

const TRIGGERS = [
	{
		name: 'wappinTrigger',
		credentialType: 'wappinCallbackApi',
		secret: 'wappin-callback-secret-0123',
	},
	{ name: 'oyTrigger', credentialType: 'oyCallbackApi', secret: 'oy-callback-secret-456789' },
] as const;

beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 3600000 });
});
afterAll(async () => {
	await sim?.close();
});

async function secretCredential(credentialType: string, secret: string) {
	const { id, name } = await n8n.createCredential(`Callback ${Date.now()}`, credentialType, {
		secret,
	});
	return { id, name };
}

const callback = (name: (typeof TRIGGERS)[number]['name'], id: string) =>
	deliveredCallback[name](sim, id);

describe.each(TRIGGERS)('$name version 2 (secret in a credential)', (trigger) => {
	test('the right secret (query or header) is accepted; a wrong or missing one gets 401 and no execution; nothing exported holds it', async () => {
		const credential = await secretCredential(trigger.credentialType, trigger.secret);
		const { id, url } = await n8n.triggerWorkflow(
			types[trigger.name],
			{ authentication: 'callbackSecret' },
			{ typeVersion: 2, credentials: { [trigger.credentialType]: credential } },
		);
		const tag = `${trigger.name}-v2-${Date.now()}`;
		expect(
			(await post(`${url}?secret=${trigger.secret}`, callback(trigger.name, `${tag}-query`)))
				.status,
		).toBe(200);
		expect(
			(
				await post(url, callback(trigger.name, `${tag}-header`), {
					'x-callback-secret': trigger.secret,
				})
			).status,
		).toBe(200);
		for (const wrong of [
			`${url}?secret=wrong`,
			url,
			`${url}?secret=${trigger.secret.slice(0, -1)}`,
		]) {
			const answer = await post(wrong, callback(trigger.name, `${tag}-forged`));
			expect(answer.status).toBe(401);
			expect(answer.body).not.toContain(trigger.secret);
		}
		const executions = await n8n.waitForExecutions(id, { count: 2, quietMs: 1500 });
		expect(triggeredItems(executions).map((item) => item.message_id)).toEqual([
			`${tag}-query`,
			`${tag}-header`,
		]);
		// neither the query parameter nor the header reaches the workflow's data or n8n's log
		expect(JSON.stringify(executions)).not.toContain(trigger.secret);
		expect(readFileSync(n8n.logFile, 'utf8')).not.toContain(trigger.secret);

		// the workflow as the public API and the editor's download return it
		const viaApi = await n8n.api('GET', `/workflows/${id}`);
		expect(viaApi.nodes[0].credentials[trigger.credentialType].id).toBe(credential.id);
		expect(JSON.stringify(viaApi)).not.toContain(trigger.secret);
		const viaEditor = await n8n.rest('GET', `/rest/workflows/${id}`);
		expect(JSON.stringify(viaEditor)).not.toContain(trigger.secret);
		expect(viaEditor.data.nodes[0].parameters).not.toHaveProperty('options.secret');
	});

	test('a credential deleted after activation: every callback is refused with 401 once the secret a process keeps has expired (10 s)', async () => {
		const credential = await secretCredential(trigger.credentialType, trigger.secret);
		const { id, url } = await n8n.triggerWorkflow(
			types[trigger.name],
			{ authentication: 'callbackSecret' },
			{ typeVersion: 2, credentials: { [trigger.credentialType]: credential } },
		);
		await n8n.rest('DELETE', `/rest/credentials/${credential.id}`);
		// activation's probe made n8n read the credential: this process keeps its secret for 10 s
		await new Promise((resolve) => setTimeout(resolve, SECRET_KEPT_MS + 500));
		const answer = await post(`${url}?secret=${trigger.secret}`, callback(trigger.name, 'orphan'));
		expect(answer.status).toBe(401);
		expect(await n8n.executions(id)).toHaveLength(0);
	});

	test('Authentication "None": accepted without a secret', async () => {
		const { id, url } = await n8n.triggerWorkflow(
			types[trigger.name],
			{ authentication: 'none' },
			{ typeVersion: 2 },
		);
		expect((await post(url, callback(trigger.name, `${trigger.name}-open`))).status).toBe(200);
		const executions = await n8n.waitForExecutions(id, { count: 1 });
		expect(triggeredItems(executions).map((item) => item.message_id)).toEqual([
			`${trigger.name}-open`,
		]);
	});

	test.each([1, 1.1])(
		'a saved workflow of version %s with options.secret runs unchanged',
		async (typeVersion) => {
			const secret = 'old-style-secret';
			const { id, url } = await n8n.triggerWorkflow(
				types[trigger.name],
				{ options: { secret } },
				{ typeVersion },
			);
			expect((await post(`${url}?secret=wrong`, callback(trigger.name, 'old-forged'))).status).toBe(
				401,
			);
			expect((await post(url, callback(trigger.name, 'old-missing'))).status).toBe(401);
			const tag = `${trigger.name}-v${typeVersion}`;
			expect((await post(`${url}?secret=${secret}`, callback(trigger.name, tag))).status).toBe(200);
			const executions = await n8n.waitForExecutions(id, { count: 1 });
			expect(triggeredItems(executions).map((item) => item.message_id)).toEqual([tag]);
		},
	);
});

// the guard both triggers share keeps a secret it read for SECRET_KEPT_MS (reading a credential from
// a webhook costs n8n an expression sandbox of its own); one trigger shows what that means for a user
test('a replaced secret works at once, and the old one is refused from the first callback with the new one', async () => {
	const trigger = TRIGGERS[0];
	const oldSecret = `${trigger.secret}-old`;
	const newSecret = `${trigger.secret}-new`;
	const credential = await secretCredential(trigger.credentialType, oldSecret);
	const { id, url } = await n8n.triggerWorkflow(
		types[trigger.name],
		{ authentication: 'callbackSecret' },
		{ typeVersion: 2, credentials: { [trigger.credentialType]: credential } },
	);
	const send = async (secret: string, tag: string) =>
		(await post(`${url}?secret=${secret}`, callback(trigger.name, `rotation-${tag}`))).status;
	expect(await send(oldSecret, 'old')).toBe(200);
	await n8n.rest('PATCH', `/rest/credentials/${credential.id}`, {
		name: credential.name,
		type: trigger.credentialType,
		data: { secret: newSecret },
	});
	expect(await send(newSecret, 'new')).toBe(200);
	expect(await send(oldSecret, 'old-after-change')).toBe(401);
	const executions = await n8n.waitForExecutions(id, { count: 2, quietMs: 1500 });
	expect(triggeredItems(executions).map((item) => item.message_id)).toEqual([
		'rotation-old',
		'rotation-new',
	]);
});

test('the callback credentials satisfy their own Test without calling anything', async () => {
	const types = await n8n.rest('GET', '/types/credentials.json');
	const ours = types.filter((type: { name: string }) =>
		['oyCallbackApi', 'wappinCallbackApi'].includes(type.name),
	);
	expect(ours.map((type: { displayName: string }) => type.displayName).sort()).toEqual([
		'OY! Indonesia Callback API',
		'Wappin Callback API',
	]);
	for (const type of ours) {
		expect(type.properties).toEqual([
			expect.objectContaining({ name: 'secret', typeOptions: { password: true } }),
		]);
	}
});
