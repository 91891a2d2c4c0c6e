// An AI agent asks a person on WhatsApp before it runs a tool: n8n's AI Agent, its OpenAI Chat
// Model node pointed at the simulator's scripted chat model, the Wappin Human-review gate n8n 2.x
// generates from Send and Wait, and a Wappin tool behind it. Only the model is scripted; the
// agent, the gate, the waiting and the resume are n8n's.
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import type { SavedCredentials } from './n8n';
import { answerLinkIn, connect, nodeOutput, submitAnswer, types, workflowNode } from './n8n';

const n8n = connect();
let sim: Simulator;
let credentials: SavedCredentials;
let openAi: { id: string; name: string };

const APPROVER = '6281211112222';
const CUSTOMER = '6285733334444';

beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 5 });
	credentials = await n8n.createSimulatorCredentials(sim, 'agent');
	const { id, name } = await n8n.createCredential('Scripted model', 'openAiApi', {
		apiKey: 'sk-scripted',
		url: `${sim.url}/v1`,
	});
	openAi = { id, name };
	// the model calls the gated tool: what the tool gets, and nothing for the gate itself
	sim.configure({
		chat: {
			toolArguments: {
				toolParameters: { recipient: CUSTOMER, text: 'Your refund of Rp 50.000 is on its way' },
				hitlParameters: {},
			},
		},
	});
});
afterAll(async () => {
	await sim?.close();
});
beforeEach(() => sim.clearRequests());

const ai = (type: string, to: string) => ({ [type]: [[{ node: to, type, index: 0 }]] });

/** The Wappin tool the agent wants to run in the refund tests. */
const refundNotice = () =>
	workflowNode(
		'Send_refund_notice',
		`${types.wappin}Tool`,
		{
			resource: 'message',
			operation: 'sendText',
			recipientNumber: "={{ $fromAI('recipient', 'The customer WhatsApp number', 'string') }}",
			text: "={{ $fromAI('text', 'The message to send', 'string') }}",
		},
		{ credentials: { wappinApi: credentials.wappinApi } },
	);

/** An agent whose one tool, `gated`, runs only once a person approved it on WhatsApp. */
async function agentFlow(gated = refundNotice()) {
	return await n8n.startedWorkflow(
		'E2E agent asks on WhatsApp',
		[
			workflowNode(
				'Agent',
				'@n8n/n8n-nodes-langchain.agent',
				{ promptType: 'define', text: '={{ $json.body.prompt }}', options: {} },
				{ typeVersion: 3.1 },
			),
		],
		{
			subNodes: [
				workflowNode(
					'Model',
					'@n8n/n8n-nodes-langchain.lmChatOpenAi',
					{
						model: { __rl: true, mode: 'id', value: 'scripted' },
						responsesApiEnabled: false,
						options: {},
					},
					{ typeVersion: 1.3, credentials: { openAiApi: openAi } },
				),
				workflowNode(
					'Ask on WhatsApp',
					`${types.wappin}HitlTool`,
					{
						recipientNumber: APPROVER,
						// n8n's default message prints the tool's input as [object Object]
						message:
							'=The agent wants to run {{ $tool.name }}: {{ JSON.stringify($tool.parameters) }}',
						approvalOptions: { values: { approvalType: 'double' } },
					},
					{ credentials: { wappinApi: credentials.wappinApi } },
				),
				gated,
			],
			connections: {
				Model: ai('ai_languageModel', 'Agent'),
				'Ask on WhatsApp': ai('ai_tool', 'Agent'),
				[gated.name]: ai('ai_tool', 'Ask on WhatsApp'),
			},
		},
	);
}

const textsTo = (number: string) =>
	sim.requestsTo('/v1/message/do-send').filter((send) => send.body.recipient_number === number);

/** Starts the agent and answers the link the approver got; the finished execution. */
async function runAndAnswer(approved: boolean) {
	const flow = await agentFlow();
	expect(await flow.start({ prompt: 'Tell the customer their refund is on its way' })).toBe(200);
	const waiting = await n8n.executionWithStatus(flow.id, 'waiting', 60000);
	// the tool has not run: the person is asked first, with the tool's name and input
	expect(textsTo(CUSTOMER)).toHaveLength(0);
	const [asked] = textsTo(APPROVER);
	expect(asked.body.message_content).toContain('Send_refund_notice');
	expect(asked.body.message_content).toContain('Your refund of Rp 50.000 is on its way');
	const link = answerLinkIn(asked.body.message_content);
	expect(await (await fetch(link)).text()).toContain('Send_refund_notice');
	expect((await submitAnswer(link, { approved: String(approved) })).status).toBe(200);
	return await n8n.resumedExecution(waiting, 'success', 60000);
}

test('approved on WhatsApp: the tool runs once and the agent answers with its result', async () => {
	const done = await runAndAnswer(true);
	const sent = textsTo(CUSTOMER);
	expect(sent).toHaveLength(1);
	expect(sent[0].body.message_content).toBe('Your refund of Rp 50.000 is on its way');
	const [answer] = nodeOutput(done, 'Agent');
	expect(answer.output).toMatch(/^Done\./);
	expect(answer.output).toContain('message_id');
	expect(textsTo(APPROVER)).toHaveLength(1);
}, 150000);

test('declined on WhatsApp: the tool does not run and the agent is told', async () => {
	const done = await runAndAnswer(false);
	expect(textsTo(CUSTOMER)).toHaveLength(0);
	const [answer] = nodeOutput(done, 'Agent');
	expect(answer.output).toMatch(/rejected/i);
}, 150000);

test('an OY! payment link is created only after the person approves it on WhatsApp', async () => {
	sim.configure({
		chat: {
			toolArguments: {
				toolParameters: { sender_name: 'Ani Wijaya', amount: 80000 },
				hitlParameters: {},
			},
		},
	});
	const flow = await agentFlow(
		workflowNode(
			'Create_payment_link',
			`${types.oy}Tool`,
			{
				resource: 'paymentLink',
				operation: 'create',
				senderName: "={{ $fromAI('sender_name', 'Who pays: letters and spaces', 'string') }}",
				amount: "={{ $fromAI('amount', 'Amount in rupiah, at least 10000', 'number') }}",
				isOpen: false,
				includeAdminFee: false,
				partnerTxId: '',
			},
			{ credentials: { oyApi: credentials.oyApi } },
		),
	);
	const links = () => sim.requestsTo('/api/payment-checkout/create-v2');
	for (const approved of [false, true]) {
		expect(await flow.start({ prompt: 'Make a payment link of Rp 80.000 for Ani Wijaya' })).toBe(
			200,
		);
		const waiting = await n8n.executionWithStatus(flow.id, 'waiting', 60000);
		expect(links()).toHaveLength(0);
		const asked = textsTo(APPROVER).at(-1)!;
		expect(asked.body.message_content).toContain('Create_payment_link');
		const link = answerLinkIn(asked.body.message_content);
		expect((await submitAnswer(link, { approved: String(approved) })).status).toBe(200);
		const done = await n8n.resumedExecution(waiting, 'success', 60000);
		const [answer] = nodeOutput(done, 'Agent');
		if (!approved) {
			expect(links()).toHaveLength(0);
			expect(answer.output).toMatch(/rejected/i);
		}
	}
	expect(links()).toHaveLength(1);
	expect(links()[0].body).toMatchObject({ sender_name: 'Ani Wijaya', amount: 80000 });
}, 200000);
