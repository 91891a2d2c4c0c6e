import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { WebhookContext } from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	IWebhookData,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';
import type { RunResult } from './run';
import { buildAdditionalData, createWorkflow, runWorkflow } from './run';

export interface TriggerServer {
	/** the URL to post callbacks to */
	url: string;
	/** one entry per execution, in the order they were started (filled in as they finish) */
	executions: RunResult[];
	/** every answer given, in order */
	answers: Array<{ status: number; body: string }>;
	/** resolves when the executions started so far have finished */
	idle(): Promise<void>;
	close(): Promise<void>;
}

/**
 * Puts a trigger node behind a real HTTP server on 127.0.0.1, the way n8n's webhook server does:
 * JSON bodies parsed (invalid JSON refused with 422 before the node runs), webhook() called
 * through n8n-core's WebhookContext, the workflow started with its items, and the answer sent.
 */
export async function startTriggerServer(options: {
	nodes: INode[];
	connections?: IConnections;
	trigger: string;
	credentials: TestCredentialsHelper;
}): Promise<TriggerServer> {
	const workflow = createWorkflow(options.nodes, options.connections ?? {});
	const triggerNode = workflow.getNode(options.trigger);
	if (!triggerNode) throw new Error(`no node ${options.trigger}`);
	const nodeType = workflow.nodeTypes.getByNameAndVersion(
		triggerNode.type,
		triggerNode.typeVersion,
	);
	const description = nodeType.description.webhooks?.[0];
	if (!description || !nodeType.webhook)
		throw new Error(`${triggerNode.type} is not a webhook trigger`);

	const executions: RunResult[] = [];
	const answers: TriggerServer['answers'] = [];
	const running = new Set<Promise<void>>();

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void handle(req, res, Buffer.concat(chunks));
		});
	});
	const answer = (res: http.ServerResponse, status: number, body: unknown) => {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		answers.push({ status, body: text });
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(text);
	};

	async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
		const url = new URL(req.url ?? '/', 'http://trigger');
		let body: unknown = {};
		const contentType = String(req.headers['content-type'] ?? '');
		if (contentType.includes('json') && raw.length > 0) {
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				return answer(res, 422, { message: 'Invalid JSON in request body' });
			}
		} else if (raw.length > 0) {
			body = raw.toString('utf8');
		}
		const request = {
			method: req.method,
			headers: req.headers,
			body,
			rawBody: raw,
			query: Object.fromEntries(url.searchParams) as IDataObject,
			params: {},
			ip: req.socket.remoteAddress,
		};
		const recorded = { status: 200, body: '' };
		const response = {
			headersSent: false,
			status(code: number) {
				recorded.status = code;
				return response;
			},
			setHeader: () => response,
			json(payload: unknown) {
				response.headersSent = true;
				answer(res, recorded.status, payload);
				return response;
			},
			send(payload: unknown) {
				return response.json(payload);
			},
			end(payload?: unknown) {
				return response.json(payload ?? '');
			},
		};
		const additionalData = buildAdditionalData(options.credentials, {
			httpRequest: request as never,
			httpResponse: response as never,
		});
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: triggerNode!.name,
			path: String(description!.path),
			webhookDescription: description!,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
		let result: IWebhookResponseData;
		try {
			const context = new WebhookContext(
				workflow,
				triggerNode!,
				additionalData,
				'webhook',
				webhookData,
				[],
				null,
			);
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			return answer(res, 500, { message: (error as Error).message });
		}
		if (result.noWebhookResponse) {
			if (!response.headersSent) answer(res, 500, { message: 'the trigger answered nothing' });
			return;
		}
		if (result.workflowData) {
			const startIndex = executions.length++;
			const execution = runWorkflow({
				nodes: options.nodes,
				connections: options.connections,
				credentials: options.credentials,
				startNode: triggerNode!.name,
				items: result.workflowData[0],
				mode: 'webhook',
			}).then((run) => {
				executions[startIndex] = run;
			});
			running.add(execution);
			void execution.finally(() => running.delete(execution));
		}
		answer(res, 200, result.webhookResponse ?? { message: 'Workflow was started' });
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const idle = async () => {
		while (running.size > 0) await Promise.all([...running]);
	};
	return {
		url: `http://127.0.0.1:${port}/webhook/${triggerNode.webhookId ?? 'test'}/${String(description.path)}`,
		executions,
		answers,
		idle,
		async close() {
			await idle();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
