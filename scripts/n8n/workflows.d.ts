// Types of workflows.js.
export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, any>;
	credentials?: Record<string, { id: string | null; name: string }>;
	webhookId?: string;
	continueOnFail?: boolean;
	onError?: string;
	disabled?: boolean;
}

export interface Workflow {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, any>;
	settings: Record<string, unknown>;
}

export const PACKAGE_NAME: string;
export const INSTALLED_PACKAGES: string[];
export const SINGLE_PACKAGES: boolean;
export const types: { oy: string; oyTrigger: string; wappin: string; wappinTrigger: string };
export function workflowNode(
	name: string,
	type: string,
	parameters?: Record<string, unknown>,
	extra?: Partial<WorkflowNode>,
): WorkflowNode;
export function paymentReminderParameters(options?: Record<string, unknown>): Record<string, any>;
export function lineConnections(names: string[]): Record<string, any>;
export function chain(name: string, nodes: WorkflowNode[]): Workflow;
export function nodeOutput(execution: any, nodeName: string): any[];
/** A "delivered" status callback with this message_id, as each trigger receives it. */
export const deliveredCallback: Record<
	'wappinTrigger' | 'oyTrigger',
	(sim: { wappinMessageCallback(from: string, text: string): object }, id: string) => object
>;
/** The items the node named "Trigger" emitted over these executions (none for one that ended there). */
export function triggeredItems(executions: any[]): any[];
export function post(
	url: string,
	body: unknown,
	headers?: Record<string, string>,
	timeoutMs?: number,
): Promise<{ status: number; body: string }>;
export function approvalParameters(
	approver: string,
	message: string,
	extra?: Record<string, unknown>,
): Record<string, unknown>;
export function answerLinkIn(text: string): string;
export function submitAnswer(
	link: string,
	fields: Record<string, string | string[]>,
): Promise<{ status: number; body: string }>;
export function inParallel<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]>;
export function pause(ms: number): Promise<true>;
export function waitFor(
	check: () => Promise<boolean> | boolean,
	what: string,
	timeoutMs?: number,
): Promise<void>;
