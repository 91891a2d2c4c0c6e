// Wappin "Send and Wait for Response" in a real n8n: the message with its signed answer link
// reaches the simulator, the execution waits, the person's answer (a real POST to the link)
// resumes it, and everything else (opening the link, forged links, a second answer) changes nothing.
import { readFileSync } from 'node:fs';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import type { SavedCredentials } from './n8n';
import {
	answerLinkIn,
	approvalParameters,
	connect,
	nodeOutput,
	submitAnswer,
	types,
	workflowNode,
} from './n8n';

const n8n = connect();
/** n8n 1.x proves the core cases only (approval, a forged link refused) */
const onN8n2 = !n8n.installed.version.startsWith('1.');
const test2 = onN8n2 ? test : test.skip;
let sim: Simulator;
let credentials: SavedCredentials;

beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 5 });
	credentials = await n8n.createSimulatorCredentials(sim, 'send and wait');
});
afterAll(async () => {
	await sim?.close();
});
beforeEach(() => sim.clearRequests());

const APPROVER = '0812-1111-2222';

/** Webhook → Wappin (Send and Wait) → After; starts one execution and answers its link. */
async function waitingFlow(parameters: Record<string, unknown>, name = 'E2E send and wait') {
	const flow = await n8n.startedWorkflow(name, [
		workflowNode(
			'Wappin',
			types.wappin,
			approvalParameters(APPROVER, '=Approve the payout of {{ $json.body.amount }}?', {
				approvalOptions: {},
				...parameters,
			}),
			{ credentials: { wappinApi: credentials.wappinApi }, typeVersion: 1 },
		),
		workflowNode('After', 'n8n-nodes-base.noOp'),
	]);
	return flow;
}

async function startAndWait(parameters: Record<string, unknown>, sentTo = '/v1/message/do-send') {
	const flow = await waitingFlow(parameters);
	expect(await flow.start({ amount: 'Rp 1.500.000' })).toBe(200);
	const waiting = await n8n.executionWithStatus(flow.id, 'waiting');
	const [sent] = sim.requestsTo(sentTo);
	return { flow, waiting, sent, executionId: String(waiting.id) };
}

async function finished(waiting: { id: string }) {
	return await n8n.resumedExecution(waiting);
}

test('approval: the link opens a page, a forged link gets 401, Approve resumes with { approved: true }, a second answer changes nothing', async () => {
	const { flow, sent, waiting, executionId } = await startAndWait({
		approvalOptions: { values: { approvalType: 'double' } },
	});
	expect(sent.body.recipient_number).toBe('6281211112222');
	expect(sent.body.message_content).toMatch(
		/^Approve the payout of Rp 1\.500\.000\?\n\n✓ Approve \/ ✗ Decline: http/,
	);
	const link = answerLinkIn(sent.body.message_content);
	expect(link).toContain(`/webhook-waiting/${executionId}/`);
	expect(link).toMatch(/signature=/);

	// opening it (a person, WhatsApp's link preview, any prefetcher) only shows the page
	for (let i = 0; i < 2; i++) {
		const page = await fetch(link, { headers: { 'user-agent': 'WhatsApp/2.23.20.0' } });
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/text\/html/);
		const html = await page.text();
		expect(html).toContain('Approve the payout of Rp 1.500.000?');
		expect(html).toContain('name="approved" value="true"');
		expect(html).toContain('name="approved" value="false"');
		expect(html).toMatch(/<form method="post" enctype="multipart\/form-data">/);
	}
	expect((await n8n.newestExecution(flow.id)).status).toBe('waiting');

	// forged: another signature, none, or a changed query
	const forged = [
		link.replace(/signature=[^&]+/, `signature=${'0'.repeat(64)}`),
		link.replace(/[?&]signature=[^&]+/, ''),
		`${link}&approved=false`,
	];
	for (const url of forged) {
		expect((await submitAnswer(url, { approved: 'true' })).status).toBe(401);
		expect((await fetch(url)).status).toBe(401);
	}
	expect((await n8n.newestExecution(flow.id)).status).toBe('waiting');

	const answer = await submitAnswer(link, { approved: 'true' });
	expect(answer.status).toBe(200);
	expect(answer.body).toContain('Got it, thanks');
	const done = await finished(waiting);
	const [output] = nodeOutput(done, 'Wappin');
	expect(output).toEqual({ data: { approved: true, respondedAt: expect.any(String) } });
	expect(Date.parse(output.data.respondedAt)).not.toBeNaN();
	expect(nodeOutput(done, 'After')).toEqual([output]);

	// a second answer (the other button, later) changes nothing
	const again = await submitAnswer(link, { approved: 'false' });
	expect(again.status).toBeLessThan(500);
	expect(again.body).not.toContain('Got it, thanks');
	const executions = await n8n.executions(flow.id);
	expect(executions).toHaveLength(1);
	expect(nodeOutput(executions[0], 'Wappin')).toEqual([output]);
	expect(sim.requestsTo('/v1/message/do-send')).toHaveLength(1);
});

test2(
	'approval declined: { approved: false }; Approve Only refuses a decline and keeps waiting',
	async () => {
		const declined = await startAndWait({
			approvalOptions: { values: { approvalType: 'double', disapproveLabel: 'No way' } },
		});
		const link = answerLinkIn(declined.sent.body.message_content);
		expect(await (await fetch(link)).text()).toContain('No way');
		expect((await submitAnswer(link, { approved: 'false' })).status).toBe(200);
		const done = await finished(declined.waiting);
		expect(nodeOutput(done, 'Wappin')[0].data.approved).toBe(false);

		sim.clearRequests();
		const single = await startAndWait({});
		const singleLink = answerLinkIn(single.sent.body.message_content);
		expect(await (await fetch(singleLink)).text()).not.toContain('value="false"');
		const refused = await submitAnswer(singleLink, { approved: 'false' });
		expect(refused.status).toBe(400);
		expect(refused.body).toContain('Choose one of the buttons');
		expect((await n8n.newestExecution(single.flow.id)).status).toBe('waiting');
		expect((await submitAnswer(singleLink, { approved: 'true' })).status).toBe(200);
		expect(nodeOutput(await finished(single.waiting), 'Wappin')[0].data.approved).toBe(true);
	},
);

test2(
	'free text: the page escapes what the workflow wrote; the answer is { text, respondedAt }',
	async () => {
		const { flow, waiting, sent } = await startAndWait({
			message: '=<script>alert("x")</script> & {{ $json.body.amount }}',
			responseType: 'freeText',
			options: { messageButtonLabel: 'Answer here', responseFormTitle: '<b>Title</b>' },
		});
		expect(sent.body.message_content).toMatch(/\n\nAnswer here: http/);
		const link = answerLinkIn(sent.body.message_content);
		const html = await (await fetch(link)).text();
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('<b>Title</b>');
		expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Rp 1.500.000');
		expect(html).toContain('&lt;b&gt;Title&lt;/b&gt;');

		const empty = await submitAnswer(link, { text: '   ' });
		expect(empty.status).toBe(400);
		expect((await n8n.newestExecution(flow.id)).status).toBe('waiting');
		expect((await submitAnswer(link, { text: 'Pay half now <ok>' })).status).toBe(200);
		const [output] = nodeOutput(await finished(waiting), 'Wappin');
		expect(output).toEqual({
			data: { text: 'Pay half now <ok>', respondedAt: expect.any(String) },
		});
	},
);

test2(
	'custom form: fields as n8n names them, answers typed, a missing required field keeps waiting',
	async () => {
		const { flow, waiting, sent } = await startAndWait({
			responseType: 'customForm',
			defineForm: 'fields',
			formFields: {
				values: [
					{ fieldLabel: 'Amount', fieldType: 'number', requiredField: true },
					{
						fieldLabel: 'Method',
						fieldType: 'dropdown',
						fieldOptions: { values: [{ option: 'Transfer' }, { option: 'Cash' }] },
					},
					{
						fieldLabel: 'Checks',
						fieldType: 'checkbox',
						fieldOptions: { values: [{ option: 'ID seen' }, { option: 'Invoice seen' }] },
					},
					{ fieldType: 'hiddenField', fieldName: 'source', fieldValue: 'whatsapp' },
				],
			},
			options: { responseFormButtonLabel: 'Send answer' },
		});
		const link = answerLinkIn(sent.body.message_content);
		const html = await (await fetch(link)).text();
		expect(html).toContain('name="field-0"');
		expect(html).toContain('<option value="Cash">Cash</option>');
		expect(html).toContain('Send answer');

		const missing = await submitAnswer(link, { 'field-1': 'Cash' });
		expect(missing.status).toBe(400);
		expect(missing.body).toContain('&quot;Amount&quot; is required');
		expect((await n8n.newestExecution(flow.id)).status).toBe('waiting');

		const answer = await submitAnswer(link, {
			'field-0': '1500000',
			'field-1': 'Cash',
			'field-2': ['ID seen', 'Invoice seen'],
			// the page has no such input: a hidden field's value comes from the workflow
			'field-3': 'forged',
		});
		expect(answer.status).toBe(200);
		const [output] = nodeOutput(await finished(waiting), 'Wappin');
		expect(output).toEqual({
			data: {
				Amount: 1500000,
				Method: 'Cash',
				Checks: ['ID seen', 'Invoice seen'],
				source: 'whatsapp',
				respondedAt: expect.any(String),
			},
		});
	},
);

test2(
	'template: every part Send Template fills; the link in the last body variable or in the URL button',
	async () => {
		// the documentation's template: a header variable, 4 body variables, a URL button, 3 quick replies
		const inBody = await startAndWait(
			{
				messageType: 'template',
				templateName: 'johan_test_button',
				headerParameter: '={{ $json.body.amount }}',
				bodyParameters: { parameter: [{ value: 'Ani' }, { value: 'INV-7' }, { value: '3' }] },
				buttonUrl: 'invoices/INV-7',
				buttonReplyPayloads: {
					payload: [{ value: 'pay' }, { value: 'later' }, { value: 'call me' }],
				},
			},
			'/v1/message/do-send-hsm',
		);
		expect(inBody.sent.body).toMatchObject({
			type: 'johan_test_button',
			recipient_number: '6281211112222',
			header: { param: 'Rp 1.500.000' },
			params: { '1': 'Ani', '2': 'INV-7', '3': '3' },
			button: {
				url: 'invoices/INV-7',
				reply_payload: { '1': 'pay', '2': 'later', '3': 'call me' },
			},
		});
		const link = answerLinkIn(inBody.sent.body.params['4']);
		expect((await submitAnswer(link, { approved: 'true' })).status).toBe(200);
		expect(nodeOutput(await finished(inBody.waiting), 'Wappin')[0].data.approved).toBe(true);

		// its URL button is <n8n>/webhook-waiting/{{1}}; a header variable and 2 quick replies
		sim.clearRequests();
		const inButton = await startAndWait(
			{
				messageType: 'template',
				templateName: 'payout_approval',
				languageCode: 'en',
				headerParameter: 'Payout',
				bodyParameters: { parameter: [{ value: 'Ani' }] },
				linkPlacement: 'buttonUrl',
				// hidden for this placement: the link fills the button
				buttonUrl: 'ignored',
				buttonReplyPayloads: { payload: [{ value: 'yes' }, { value: 'no' }] },
			},
			'/v1/message/do-send-hsm',
		);
		const suffix = inButton.sent.body.button.url as string;
		expect(suffix).toMatch(new RegExp(`^${inButton.executionId}/[^?]+\\?.*signature=`));
		expect(inButton.sent.body).toMatchObject({
			language_code: 'en',
			header: { param: 'Payout' },
			params: { '1': 'Ani' },
			button: { reply_payload: { '1': 'yes', '2': 'no' } },
		});
		const buttonLink = `${n8n.url}/webhook-waiting/${suffix}`;
		expect((await submitAnswer(buttonLink, { approved: 'true' })).status).toBe(200);
		expect(nodeOutput(await finished(inButton.waiting), 'Wappin')[0].data.approved).toBe(true);

		// without the header variable the template needs, Wappin refuses and nothing waits
		sim.clearRequests();
		const flow = await waitingFlow({
			messageType: 'template',
			templateName: 'payout_approval',
			bodyParameters: { parameter: [{ value: 'Ani' }] },
			linkPlacement: 'buttonUrl',
		});
		expect(await flow.start({ amount: 'Rp 1' })).toBe(200);
		const failed = await n8n.executionWithStatus(flow.id, 'error');
		expect(failed.data.resultData.error.message).toMatch(/Message param count do not match/);
	},
);

test('an answer not sent as the page sends it (multipart) gets 415 and changes nothing', async () => {
	const logged = () => readFileSync(n8n.logFile, 'utf8');
	const form = (fields: Record<string, string>) => ({
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	});

	// the node answers: an approval or free-text link
	const approval = await startAndWait({});
	const link = answerLinkIn(approval.sent.body.message_content);
	const logBefore = logged().length;
	for (const request of [
		form({ approved: 'true' }),
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"approved":"true"}',
		},
	]) {
		const refused = await fetch(link, request);
		expect(refused.status).toBe(415);
		expect(await refused.text()).toContain('Send your answer with the form below');
	}
	expect((await n8n.newestExecution(approval.flow.id)).status).toBe('waiting');
	expect(logged().slice(logBefore)).not.toMatch(/error/i);
	expect((await submitAnswer(link, { approved: 'true' })).status).toBe(200);
	expect(nodeOutput(await finished(approval.waiting), 'Wappin')[0].data.approved).toBe(true);

	// n8n 2.x answers a custom form's link itself, before the node runs, and logs it (README)
	sim.clearRequests();
	const custom = await startAndWait({
		responseType: 'customForm',
		defineForm: 'fields',
		formFields: { values: [{ fieldLabel: 'Note', fieldType: 'text', requiredField: true }] },
	});
	const customLink = answerLinkIn(custom.sent.body.message_content);
	const customBefore = logged().length;
	const refused = await fetch(customLink, form({ 'field-0': 'forged' }));
	expect(refused.status).toBe(415);
	if (onN8n2) {
		expect(await refused.text()).toContain('Expected multipart/form-data');
		expect(logged().slice(customBefore)).toContain(
			'Error in handling webhook request POST /webhook-waiting/',
		);
	} else {
		expect(await refused.text()).toContain('Send your answer with the form below');
		expect(logged().slice(customBefore)).not.toMatch(/error/i);
	}
	expect((await n8n.newestExecution(custom.flow.id)).status).toBe('waiting');
	expect((await submitAnswer(customLink, { 'field-0': 'ok' })).status).toBe(200);
	expect(nodeOutput(await finished(custom.waiting), 'Wappin')[0].data).toMatchObject({
		Note: 'ok',
	});
});

test2('a message Wappin refuses fails the node before anything waits', async () => {
	const flow = await waitingFlow({
		messageType: 'template',
		templateName: 'no_such_template',
	});
	expect(await flow.start({ amount: 'Rp 1' })).toBe(200);
	const failed = await n8n.executionWithStatus(flow.id, 'error');
	expect(failed.data.resultData.error.message).toMatch(/not found|404/i);
	expect(failed.waitTill ?? null).toBeNull();
	expect(nodeOutput(failed, 'After')).toEqual([]);
});

test2(
	'wait limit reached: the execution goes on with the input item unchanged',
	async () => {
		const flow = await waitingFlow({
			options: {
				limitWaitTime: {
					values: {
						limitType: 'atSpecifiedTime',
						maxDateAndTime: new Date(Date.now() + 2000).toISOString(),
					},
				},
			},
		});
		expect(await flow.start({ amount: 'Rp 7' })).toBe(200);
		const waiting = await n8n.executionWithStatus(flow.id, 'waiting');
		// n8n's wait tracker looks for due executions once a minute
		const done = await n8n.resumedExecution(waiting, 'success', 100000);
		const [output] = nodeOutput(done, 'After');
		expect(output.body).toMatchObject({ amount: 'Rp 7' });
		expect(output.data).toBeUndefined();
	},
	130000,
);
