import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow, createRunExecutionData } from 'n8n-workflow';

import { lineConnections, workflowNode } from '../../scripts/n8n/workflows';
import { TestCredentialsHelper } from './credentials';
import { PACKAGE, PackageCredentialTypes, PackageNodeTypes } from './package';

/** Passes its input items on: the start of every test workflow. */
class StartNode implements INodeType {
	description = {
		displayName: 'Start',
		name: 'start',
		group: ['input'],
		version: 1,
		description: 'Test start',
		defaults: { name: 'Start' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** Always throws: proves that a failing node fails the run. */
class BrokenNode implements INodeType {
	description = {
		...new StartNode().description,
		displayName: 'Broken',
		name: 'broken',
		defaults: { name: 'Broken' },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new Error('this node always fails');
	}
}

export const nodeTypes = new PackageNodeTypes({
	'test.start': new StartNode(),
	'test.broken': new BrokenNode(),
});
export const credentialTypes = new PackageCredentialTypes();

export function credentialsHelper(store: Record<string, ICredentialDataDecryptedObject>) {
	return new TestCredentialsHelper(credentialTypes, store);
}

/**
 * A node of this package (`wappin`, `oy`, …) with the test credentials selected, or of the test
 * set (`test.start`).
 */
export function node(
	name: string,
	type: string,
	parameters: INode['parameters'] = {},
	extra: Partial<INode> = {},
): INode {
	const credentials: INode['credentials'] = {};
	if (type === 'wappin') credentials.wappinApi = { id: 'cred-wappin', name: 'Wappin account' };
	if (type === 'oy') credentials.oyApi = { id: 'cred-oy', name: 'OY account' };
	const fullType = type.startsWith('test.') ? type : `${PACKAGE}.${type}`;
	return workflowNode(name, fullType, parameters, { credentials, ...extra }) as INode;
}

export function buildAdditionalData(
	helper: TestCredentialsHelper,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const unavailable = (what: string) => () => {
		throw new Error(`${what} is not available in engine tests`);
	};
	return {
		credentialsHelper: helper,
		executeWorkflow: unavailable('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unavailable('startRunnerTask'),
		logAiEvent: () => {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		...extra,
	} as IWorkflowExecuteAdditionalData;
}

export function createWorkflow(nodes: INode[], connections: IConnections): Workflow {
	return new Workflow({
		id: 'engine-test-workflow',
		name: 'engine test',
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
}

export interface RunResult {
	run: IRun;
	/** items of the first run of a node; throws that node's error if it failed */
	output(nodeName: string): INodeExecutionData[];
	/** the error a node ended with, if any */
	errorOf(
		nodeName: string,
	):
		| (Error & { description?: string; httpCode?: string; context?: { itemIndex?: number } })
		| undefined;
}

/** Runs a workflow through n8n-core's WorkflowExecute, starting at `startNode` with `items`. */
export async function runWorkflow(options: {
	nodes: INode[];
	connections?: IConnections;
	credentials: TestCredentialsHelper;
	items?: INodeExecutionData[];
	startNode?: string;
	mode?: WorkflowExecuteMode;
}): Promise<RunResult> {
	const connections = options.connections ?? lineConnections(options.nodes.map((n) => n.name));
	const workflow = createWorkflow(options.nodes, connections);
	const start = workflow.getNode(options.startNode ?? options.nodes[0].name);
	if (!start) throw new Error('no start node');
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, 'engine-test-execution', {
		id: workflow.id,
		name: workflow.name ?? 'engine test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: options.nodes,
		connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	const additionalData = buildAdditionalData(options.credentials, {
		hooks,
		executionId: 'engine-test-execution',
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: start, data: { main: [options.items ?? [{ json: {} }]] }, source: null },
			],
		},
	});
	const run = await new WorkflowExecute(
		additionalData,
		mode,
		runExecutionData,
	).processRunExecutionData(workflow);
	const runData = run.data.resultData.runData;
	return {
		run,
		output(nodeName) {
			const task = runData[nodeName]?.[0];
			if (!task)
				throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(runData).join(', ')}`);
			if (task.error) throw task.error;
			return task.data?.main?.[0] ?? [];
		},
		errorOf: (nodeName) => runData[nodeName]?.[0]?.error as ReturnType<RunResult['errorOf']>,
	};
}
