// The action nodes as AI-agent tools in a real n8n: examples/wappin-ai-agent-tools.json served by
// n8n's MCP Server Trigger, called as an MCP client does (streamable HTTP, answers as SSE).
import { randomUUID } from 'node:crypto';

import { importExamples } from '../../scripts/n8n/examples';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { connect } from './n8n';

const n8n = connect();
let sim: Simulator;
let mcpUrl: string;
let sessionId = '';
let nextId = 1;
const answers: string[] = [];

beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 5 });
	const credentials = await n8n.createSimulatorCredentials(sim, 'mcp');
	const [example] = await importExamples(n8n, credentials, {
		only: ['wappin-ai-agent-tools.json'],
		mcpPath: `tools-${randomUUID().slice(0, 8)}`,
	});
	mcpUrl = example.mcpUrl!;
	// initialize, as every MCP client starts
	const { response, message } = await rpc('initialize', {
		protocolVersion: '2025-03-26',
		capabilities: {},
		clientInfo: { name: 'n8n-nodes-oy-wappin e2e', version: '1.0.0' },
	});
	sessionId = response.headers.get('mcp-session-id') ?? '';
	expect(sessionId).not.toBe('');
	expect(message.result.serverInfo).toBeTruthy();
	const initialized = await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
	expect(initialized.status).toBe(202);
});
afterAll(async () => {
	await sim?.close();
});
beforeEach(() => sim.clearRequests());

async function post(body: unknown): Promise<Response> {
	for (let attempt = 0; ; attempt++) {
		const response = await fetch(mcpUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				accept: 'application/json, text/event-stream',
				...(sessionId ? { 'mcp-session-id': sessionId } : {}),
			},
			body: JSON.stringify(body),
		});
		// the server is registered a moment after activation
		if (response.status !== 404 || attempt > 50) return response;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** A JSON-RPC request; the answer is the SSE `data:` line that carries its id. */
async function rpc(method: string, params: unknown) {
	const id = nextId++;
	const response = await post({ jsonrpc: '2.0', id, method, params });
	const text = await response.text();
	answers.push(text);
	const messages = text
		.split('\n')
		.filter((line) => line.startsWith('data:'))
		.map((line) => JSON.parse(line.slice(5)));
	const message = messages.find((m) => m.id === id) ?? JSON.parse(text);
	return { response, message };
}

async function callTool(name: string, args: Record<string, unknown>) {
	const { message } = await rpc('tools/call', { name, arguments: args });
	expect(message.error).toBeUndefined();
	const { content, isError } = message.result as {
		content: Array<{ type: string; text: string }>;
		isError?: boolean;
	};
	return { text: content.map((c) => c.text).join('\n'), isError: isError === true };
}

test('tools/list: four tools named after the nodes, with the inputs their $fromAI() ask for', async () => {
	const { message } = await rpc('tools/list', {});
	const tools = message.result.tools as Array<{
		name: string;
		description: string;
		inputSchema: { properties: Record<string, unknown>; required?: string[] };
	}>;
	const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
	expect(Object.keys(byName).sort()).toEqual([
		'Get_WhatsApp_status',
		'Send_OY_payment_link',
		'Send_WhatsApp_template',
		'Send_WhatsApp_text',
	]);
	const inputs = (name: string) => Object.keys(byName[name].inputSchema.properties).sort();
	expect(inputs('Send_WhatsApp_text')).toEqual(['recipient_number', 'text']);
	expect(inputs('Send_WhatsApp_template')).toEqual([
		'customer_name',
		'invoice_number',
		'recipient_number',
	]);
	expect(inputs('Get_WhatsApp_status')).toEqual(['message_id']);
	expect(inputs('Send_OY_payment_link')).toEqual(['partner_tx_id', 'whatsapp_number']);
	// the descriptions tell an agent what each tool needs
	expect(byName.Send_WhatsApp_text.description).toMatch(/Needs recipient_number .* and text/);
});

test('Send text, then Get Status of the message it returned', async () => {
	const sent = await callTool('Send_WhatsApp_text', {
		recipient_number: '0812-3456-7890',
		text: 'Halo dari agen',
	});
	expect(sent.isError).toBe(false);
	const [request] = sim.requestsTo('/v1/message/do-send');
	expect(request.body).toMatchObject({
		recipient_number: '6281234567890',
		message_content: 'Halo dari agen',
	});
	const messageId = /"message_id":\s*"([^"]+)"/.exec(sent.text)?.[1];
	expect(messageId).toBeTruthy();
	expect(sim.messages.has(messageId!)).toBe(true);

	await new Promise((resolve) => setTimeout(resolve, 50)); // the simulator's statuses, 5 ms apart
	const status = await callTool('Get_WhatsApp_status', { message_id: messageId });
	expect(status.isError).toBe(false);
	expect(status.text).toMatch(/"latest_status":\s*"read"/);
});

test('Send template with body parameters, and OY! Send Link', async () => {
	const template = await callTool('Send_WhatsApp_template', {
		recipient_number: '+62 812 3456 7891',
		customer_name: 'Ani',
		invoice_number: 'INV-2026-0007',
	});
	expect(template.isError).toBe(false);
	expect(sim.requestsTo('/v1/message/do-send-hsm')[0].body).toMatchObject({
		type: 'payment_reminder',
		recipient_number: '6281234567891',
		params: { '1': 'Ani', '2': 'INV-2026-0007' },
	});
	const link = await callTool('Send_OY_payment_link', {
		partner_tx_id: 'PL-001',
		whatsapp_number: '0812 3456 7892',
	});
	expect(link.isError).toBe(false);
	expect(link.text).toMatch(/"success_queued":\s*true/);
	expect(sim.requestsTo('/api/whatsapp/send-link')[0].body).toEqual({
		partner_tx_id: 'PL-001',
		whatsapp_number: '6281234567892',
	});
});

test('a bad number is a tool error that says so, and nothing is sent', async () => {
	const answer = await callTool('Send_WhatsApp_text', { recipient_number: '12345', text: 'hi' });
	expect(answer.isError).toBe(true);
	expect(answer.text).toMatch(/number/i);
	expect(answer.text).toMatch(/12345/);
	expect(sim.requests.filter((r) => r.path.startsWith('/v1/message/do-send'))).toHaveLength(0);
});

test("a provider error is a tool error with the provider's code and what to do", async () => {
	const answer = await callTool('Send_WhatsApp_template', {
		recipient_number: '6280000000000',
		customer_name: 'Budi',
		invoice_number: 'INV-1',
	});
	expect(answer.isError).toBe(true);
	expect(answer.text).toMatch(/Wappin error 601/);
	expect(answer.text).toMatch(/registered on WhatsApp/);
});

test('no secret or token in any answer an agent saw', () => {
	const everything = answers.join('\n');
	expect(everything.length).toBeGreaterThan(0);
	expect(everything).not.toContain(sim.config.wappin.secretKey);
	expect(everything).not.toContain(sim.config.oy.apiKey);
	expect(everything).not.toMatch(/\b[0-9a-f]{64}\b/); // Wappin tokens
});
