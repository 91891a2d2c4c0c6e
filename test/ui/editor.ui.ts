// The editor as a user meets the package, in a real browser: finding the nodes, adding and
// running one, the credential forms and the triggers' set-up. A screenshot of every failure is
// left in .tmp/ui-failures/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { launchChromium, signIn } from '../../scripts/n8n/browser';
import { ROOT } from '../../scripts/n8n/instance';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import type { SavedCredentials } from '../e2e/n8n';
import {
	answerLinkIn,
	approvalParameters,
	connect,
	nodeOutput,
	types,
	workflowNode,
} from '../e2e/n8n';

const n8n = connect();
const FAILURES = path.join(ROOT, '.tmp', 'ui-failures');
let browser: Browser;
let page: Page;
let sim: Simulator;
let credentials: SavedCredentials;

beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 3600000 });
	credentials = await n8n.createSimulatorCredentials(sim, 'editor');
	browser = await launchChromium();
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.setDefaultTimeout(30000);
	await signIn(page, n8n.url);
});
afterAll(async () => {
	await browser?.close();
	await sim?.close();
});

/** Runs a test's steps; on failure, a screenshot named after the test. */
function inBrowser(name: string, steps: () => Promise<void>) {
	test(name, async () => {
		try {
			await steps();
		} catch (error) {
			mkdirSync(FAILURES, { recursive: true });
			const file = path.join(FAILURES, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`);
			await page.screenshot({ path: file }).catch(() => undefined);
			throw error;
		}
	});
}

async function newWorkflow() {
	await page.goto(`${n8n.url}/workflow/new`);
	await page.waitForSelector('[data-test-id="canvas-wrapper"], [data-test-id="canvas"]');
}

/** Opens the nodes panel with N and searches; answers the node types of the results. */
async function searchNodes(text: string): Promise<string[]> {
	await page.keyboard.press('Escape');
	await page
		.locator('[data-test-id="canvas-wrapper"], [data-test-id="canvas"]')
		.first()
		.click({
			position: { x: 700, y: 400 },
		});
	await page.keyboard.press('n');
	const search = page.locator('[data-test-id="node-creator-search-bar"]');
	await search.waitFor();
	await search.fill(text);
	await page.waitForTimeout(500);
	const ids = await page
		.locator('[data-keyboard-nav-id]')
		.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-keyboard-nav-id') ?? ''));
	await page.keyboard.press('Escape');
	return ids.map((id) => id.replace(/-[0-9a-f]{8}-[0-9a-f-]{27}$/, ''));
}

inBrowser('pressing N and typing "WhatsApp" or a provider name finds both nodes', async () => {
	await newWorkflow();
	for (const text of ['WhatsApp', 'whatsapp template', 'payment link', 'Wappin', 'OY!']) {
		const found = await searchNodes(text);
		const ours = found.filter((id) => id.startsWith('n8n-nodes-oy-wappin.'));
		if (text !== 'OY!' && text !== 'payment link') {
			expect(ours.some((id) => id.startsWith(types.wappin))).toBe(true);
		}
		if (text !== 'Wappin' && text !== 'whatsapp template') {
			expect(ours.some((id) => id.startsWith(types.oy))).toBe(true);
		}
	}
});

/** Opens the credential picker and the form of one credential type. */
async function openCredentialForm(displayName: string) {
	await page.goto(`${n8n.url}/home/credentials/create`);
	await page.getByPlaceholder('Search for app...').fill(displayName);
	await page.getByText(displayName, { exact: true }).last().click();
	await page.locator('[data-test-id="new-credential-type-button"]').click();
	await page
		.getByText(/Username|Client ID/)
		.first()
		.waitFor();
}

inBrowser("OY! credential form: Base URL only for Custom; Test checks OY!'s key", async () => {
	await openCredentialForm('OY! Indonesia API');
	const baseUrl = page.locator('[data-test-id="parameter-input-baseUrl"]');
	expect(await baseUrl.count()).toBe(0);
	await page.locator('[data-test-id="parameter-input-environment"]').click();
	await page.getByRole('option', { name: 'Custom' }).click();
	await baseUrl.waitFor();
	const { oyApi } = sim.credentialData();
	await page.locator('[data-test-id="parameter-input-username"] input').fill(oyApi.username);
	await page.locator('[data-test-id="parameter-input-apiKey"] input').fill(oyApi.apiKey);
	await baseUrl.locator('input').fill(oyApi.baseUrl);
	await page.locator('[data-test-id="credential-save-button"]').click();
	await page.getByText('Connection tested successfully').waitFor();
	expect(sim.requestsTo('/api/balance').length).toBeGreaterThan(0);
});

inBrowser('Wappin credential form: no Access Token field; Test fetches a token', async () => {
	await openCredentialForm('Wappin API');
	expect(await page.locator('[data-test-id="parameter-input-accessToken"]').count()).toBe(0);
	expect(await page.getByText('Access Token', { exact: true }).count()).toBe(0);
	const { wappinApi } = sim.credentialData();
	await page.locator('[data-test-id="parameter-input-clientId"] input').fill(wappinApi.clientId);
	await page.locator('[data-test-id="parameter-input-secretKey"] input').fill(wappinApi.secretKey);
	await page.locator('[data-test-id="parameter-input-projectId"] input').fill(wappinApi.projectId);
	await page.locator('[data-test-id="parameter-input-baseUrl"] input').fill(wappinApi.baseUrl);
	await page.locator('[data-test-id="credential-save-button"]').click();
	await page.getByText('Connection tested successfully').waitFor();
	expect(sim.requestsTo('/v1/token/get').length).toBeGreaterThan(0);
});

inBrowser('both triggers show the set-up notice and their Production URL', async () => {
	for (const [type, provider] of [
		[types.wappinTrigger, 'Wappin dashboard'],
		[types.oyTrigger, 'OY! business representative'],
	] as const) {
		const { id } = await n8n.triggerWorkflow(type, {}, { active: false });
		await page.goto(`${n8n.url}/workflow/${id}`);
		await page.locator('[data-test-id="canvas-node"]').first().dblclick();
		await page.getByText(provider, { exact: false }).first().waitFor();
		await page.getByText('Webhook URLs').first().click();
		await page.getByText('Production URL').first().click();
		await page
			.getByText(/\/webhook\/[0-9a-f-]+\/callback/)
			.first()
			.waitFor();
		await page.keyboard.press('Escape');
	}
});

/** A new node opens with the only credential of its type chosen; choose `name` if it did not. */
async function chooseCredentialIfNone(name: string) {
	const credentialSelect = page.locator('[data-test-id="node-credentials-select"]');
	if ((await credentialSelect.count()) === 0) return;
	if (await credentialSelect.inputValue().catch(() => '')) return;
	await credentialSelect.click();
	await page.getByText(name).first().click();
}

inBrowser(
	'a Wappin node added to a new workflow sends a template and shows message_id',
	async () => {
		await newWorkflow();
		await page.keyboard.press('n');
		await page.locator('[data-test-id="node-creator-search-bar"]').fill('Wappin');
		await page.locator(`[data-keyboard-nav-id^="${types.wappin}-"]`).first().click();
		// on an empty canvas the triggers come first; the actions open below them
		await page.getByText(/^Actions \(\d+\)$/).click();
		await page.getByText('Send a template message', { exact: true }).click();
		// the new node opens with the credential chosen (the only one of its type) and the parameters
		await page.locator('[data-test-id="parameter-input-recipientNumber"]').waitFor();
		await chooseCredentialIfNone(credentials.wappinApi.name);
		await page
			.locator('[data-test-id="parameter-input-recipientNumber"] input')
			.fill('0812-3456-7890');
		await page
			.locator('[data-test-id="parameter-input-templateName"] input')
			.fill('welcome_message');
		await page.getByText('Add parameter').first().click();
		await page.locator('[data-test-id="parameter-input-value"] input').first().fill('Ani');
		await page.locator('[data-test-id="node-execute-button"]').first().click();
		await page.getByText('message_id').first().waitFor();
		expect(sim.requestsTo('/v1/message/do-send-hsm')[0].body).toMatchObject({
			type: 'welcome_message',
			recipient_number: '6281234567890',
			params: { '1': 'Ani' },
		});
	},
);

inBrowser(
	'the OY! node offers the payment operations; Create a payment link runs from the editor',
	async () => {
		await newWorkflow();
		await page.keyboard.press('n');
		await page.locator('[data-test-id="node-creator-search-bar"]').fill('OY!');
		await page.locator(`[data-keyboard-nav-id^="${types.oy}-"]`).first().click();
		await page.getByText(/^Actions \(\d+\)$/).click();
		for (const action of [
			'Create an invoice',
			'Delete a payment link',
			'Get a payment link',
			'Get the payment status of a payment link',
			'Send a payment or invoice link',
		])
			await page.getByText(action, { exact: true }).waitFor();
		await page.getByText('Create a payment link', { exact: true }).click();
		await page.locator('[data-test-id="parameter-input-senderName"]').waitFor();
		await chooseCredentialIfNone(credentials.oyApi.name);
		await page.locator('[data-test-id="parameter-input-senderName"] input').fill('Ani Wijaya');
		await page.locator('[data-test-id="parameter-input-amount"] input').fill('75000');
		await page.locator('[data-test-id="node-execute-button"]').first().click();
		await page.getByText('payment_link_id').first().waitFor();
		expect(sim.requestsTo('/api/payment-checkout/create-v2').at(-1)!.body).toMatchObject({
			sender_name: 'Ani Wijaya',
			amount: 75000,
			partner_tx_id: expect.stringMatching(/^N8N[0-9A-F]{20}$/),
		});
	},
);

inBrowser(
	'the OY! trigger with event Payment shows where to paste its URL and its filters',
	async () => {
		const { id } = await n8n.triggerWorkflow(
			types.oyTrigger,
			{ event: 'payment', authentication: 'none' },
			{ active: false, typeVersion: 2 },
		);
		await page.goto(`${n8n.url}/workflow/${id}`);
		await page.locator('[data-test-id="canvas-node"]').first().dblclick();
		await page.getByText('Callback Configuration', { exact: false }).first().waitFor();
		await page.getByText('Payment Statuses', { exact: true }).first().waitFor();
		await page.locator('[data-test-id="parameter-input-event"]').waitFor();
		expect(await page.getByText('OY! business representative', { exact: false }).count()).toBe(0);
		await page.keyboard.press('Escape');
	},
);

inBrowser(
	'the nodes panel lists Wappin under "Human review" (the Human in the Loop category)',
	async () => {
		// after a trigger, the panel asks "What happens next?" and lists the categories
		const { id } = await n8n.triggerWorkflow(types.wappinTrigger, {}, { active: false });
		await page.goto(`${n8n.url}/workflow/${id}`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor();
		await page.keyboard.press('Escape');
		await page
			.locator('[data-test-id="canvas-wrapper"], [data-test-id="canvas"]')
			.first()
			.click({ position: { x: 700, y: 600 } });
		await page.keyboard.press('n');
		await page.locator('[data-test-id="node-creator-search-bar"]').fill('');
		await page
			.getByText(/^(Human review|Human in the loop)$/i)
			.first()
			.click();
		await page.waitForTimeout(500);
		// this view's entries carry no node type: read what they show
		const shown = await page
			.locator('[data-keyboard-nav-id]')
			.evaluateAll((elements) => elements.map((e) => e.textContent ?? ''));
		await page.keyboard.press('Escape');
		expect(shown.some((text) => /Wappin/.test(text))).toBe(true);
	},
);

inBrowser(
	'Send and Wait: the WhatsApp link opens the answer page, clicking Approve resumes the execution',
	async () => {
		const approver = '6281255556666';
		const flow = await n8n.startedWorkflow('UI send and wait', [
			workflowNode(
				'Wappin',
				types.wappin,
				approvalParameters(approver, 'Approve the payout of Rp 2.000.000?'),
				{ credentials: { wappinApi: credentials.wappinApi } },
			),
		]);
		expect(await flow.start({})).toBe(200);
		const waiting = await n8n.executionWithStatus(flow.id, 'waiting');
		const [sent] = sim
			.requestsTo('/v1/message/do-send')
			.filter((send) => send.body.recipient_number === approver);
		const person = await browser.newPage({ viewport: { width: 390, height: 844 } });
		try {
			await person.goto(answerLinkIn(sent.body.message_content));
			await person.getByText('Approve the payout of Rp 2.000.000?').waitFor();
			expect((await n8n.newestExecution(flow.id)).status).toBe('waiting');
			await person.getByRole('button', { name: '✓ Approve' }).click();
			await person.getByText('Got it, thanks').waitFor();
		} finally {
			await person.close();
		}
		const done = await n8n.resumedExecution(waiting);
		expect(nodeOutput(done, 'Wappin')[0].data.approved).toBe(true);
	},
);

inBrowser(
	'callback secrets: the Wappin Callback credential form and the trigger’s Authentication field',
	async () => {
		await page.goto(`${n8n.url}/home/credentials/create`);
		await page.getByPlaceholder('Search for app...').fill('Wappin Callback API');
		await page.getByText('Wappin Callback API', { exact: true }).last().click();
		await page.locator('[data-test-id="new-credential-type-button"]').click();
		const secret = page.locator('[data-test-id="parameter-input-secret"] input');
		await secret.waitFor();
		expect(await secret.getAttribute('type')).toBe('password');
		await secret.fill('too-short');
		await page.locator('[data-test-id="credential-save-button"]').click();
		// n8n shows the Test's message under "More details"
		await page.getByText('More details').first().click();
		await page
			.getByText(/at least 16 characters/)
			.first()
			.waitFor();
		await secret.fill('a-long-random-callback-secret');
		await page.locator('[data-test-id="credential-save-button"]').click();
		await page.getByText('Connection tested successfully').waitFor();
		await page.keyboard.press('Escape');

		// a new trigger (version 2) asks for the credential; an old one shows where its secret is
		const created = await n8n.triggerWorkflow(
			types.wappinTrigger,
			{},
			{ active: false, typeVersion: 2 },
		);
		await page.goto(`${n8n.url}/workflow/${created.id}`);
		await page.locator('[data-test-id="canvas-node"]').first().dblclick();
		await page.locator('[data-test-id="parameter-input-authentication"]').waitFor();
		await page.getByText('Credential for Wappin Callback API').first().waitFor();
		expect(await page.getByText('is stored in this workflow').count()).toBe(0);
		await page.keyboard.press('Escape');
		const old = await n8n.triggerWorkflow(
			types.oyTrigger,
			{ options: { secret: 'x' } },
			{ active: false },
		);
		await page.goto(`${n8n.url}/workflow/${old.id}`);
		await page.locator('[data-test-id="canvas-node"]').first().dblclick();
		await page.getByText('is stored in this workflow', { exact: false }).first().waitFor();
		expect(await page.locator('[data-test-id="parameter-input-authentication"]').count()).toBe(0);
		await page.keyboard.press('Escape');
	},
);
