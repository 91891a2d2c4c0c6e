// Helpers for the end-to-end suite: the running n8n (started by globalSetup), workflows built from
// nodes, and calls into them over HTTP.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { N8nInstance, PACKAGE_NAME } from '../../scripts/n8n/instance';
import type { Simulator } from '../simulator';

const STATE_FILE = path.resolve(__dirname, '../../.tmp/e2e/state.json');

/** The n8n that globalSetup started, with the owner's cookie and an API key. */
export function connect(): N8nInstance {
	const state = JSON.parse(readFileSync(STATE_FILE, 'utf8'));
	const n8n = new N8nInstance(state);
	n8n.cookie = state.cookie;
	n8n.apiKey = state.apiKey;
	return n8n;
}

/** This package's node types as n8n names them once the package is installed. */
export const types = {
	oy: `${PACKAGE_NAME}.oy`,
	oyTrigger: `${PACKAGE_NAME}.oyTrigger`,
	wappin: `${PACKAGE_NAME}.wappin`,
	wappinTrigger: `${PACKAGE_NAME}.wappinTrigger`,
};

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	continueOnFail?: boolean;
	onError?: string;
}

export function workflowNode(
	name: string,
	type: string,
	parameters: Record<string, unknown> = {},
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

/** Nodes connected one after another, laid out left to right. */
export function chain(name: string, nodes: WorkflowNode[]) {
	const connections: Record<string, unknown> = {};
	nodes.forEach((node, index) => {
		node.position = [index * 240, 0];
		const next = nodes[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

export interface Credentials {
	wappin: { id: string; name: string };
	oy: { id: string; name: string };
}

/** Credentials of both providers pointing at the simulator. */
export async function simulatorCredentials(
	n8n: N8nInstance,
	sim: Simulator,
	suffix: string,
): Promise<Credentials> {
	const { wappin, oy } = sim.config;
	const wappinCredential = await n8n.createCredential(`Wappin simulator ${suffix}`, 'wappinApi', {
		clientId: wappin.clientId,
		secretKey: wappin.secretKey,
		projectId: wappin.projectId,
		baseUrl: sim.url,
	});
	const oyCredential = await n8n.createCredential(`OY simulator ${suffix}`, 'oyApi', {
		username: oy.username,
		apiKey: oy.apiKey,
		environment: 'custom',
		baseUrl: sim.url,
	});
	return {
		wappin: { id: wappinCredential.id, name: wappinCredential.name },
		oy: { id: oyCredential.id, name: oyCredential.name },
	};
}

let webhookCounter = 0;

/**
 * A workflow started by n8n's own Webhook node that answers with every item of its last node:
 * POSTing {rows: [...]} runs the nodes with one item per row ($json is the row).
 */
export async function webhookWorkflow(n8n: N8nInstance, name: string, nodes: WorkflowNode[]) {
	const hookPath = `e2e-${Date.now().toString(36)}-${++webhookCounter}`;
	const webhook = workflowNode(
		'Webhook',
		'n8n-nodes-base.webhook',
		{
			httpMethod: 'POST',
			path: hookPath,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
		{ typeVersion: 2, webhookId: randomUUID() },
	);
	const rows = workflowNode('Rows', 'n8n-nodes-base.splitOut', {
		fieldToSplitOut: 'body.rows',
		options: {},
	});
	const workflow = await n8n.createWorkflow(chain(name, [webhook, rows, ...nodes]));
	await n8n.activate(workflow.id);
	const url = `${n8n.url}/webhook/${hookPath}`;
	return {
		id: workflow.id as string,
		/** runs the workflow with one item per row; answers the last node's items (or n8n's error) */
		async run(rows: Array<Record<string, unknown>>) {
			let response: Response;
			let text: string;
			const deadline = Date.now() + 15000;
			do {
				// registration may finish a moment after activation answers
				response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ rows }),
				});
				text = await response.text();
			} while (response.status === 404 && Date.now() < deadline && (await pause(200)));
			let body: any = text;
			try {
				body = JSON.parse(text);
			} catch {
				// n8n's error answers are JSON; keep anything else as text
			}
			return { status: response.status, body };
		},
	};
}

/** The last execution of a workflow with its data (the public API lists newest first). */
export async function lastExecution(n8n: N8nInstance, workflowId: string) {
	const [latest] = await n8n.executions(workflowId);
	return latest;
}

export function nodeOutput(execution: any, nodeName: string): any[] {
	const runs = execution.data.resultData.runData[nodeName];
	return runs ? runs[0].data.main[0].map((item: { json: unknown }) => item.json) : [];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(() => resolve(true), ms));

export async function waitFor(
	check: () => Promise<boolean> | boolean,
	what: string,
	timeoutMs = 20000,
) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			if (await check()) return;
		} catch {
			// not yet
		}
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
