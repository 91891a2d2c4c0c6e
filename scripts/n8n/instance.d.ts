// Types of instance.js (plain JavaScript, shared by the end-to-end suite and `npm start`).
export interface InstalledN8n {
	version: string;
	folder: string;
	nodeBin: string;
	n8nBin: string;
	env: Record<string, string>;
}

export interface SavedCredentials {
	wappinApi: { id: string; name: string };
	oyApi: { id: string; name: string };
}

export class N8nInstance {
	constructor(options: {
		installed: InstalledN8n;
		userFolder: string;
		port: number;
		brokerPort: number;
		logFile: string;
		command?: 'start' | 'webhook' | 'worker';
		extraEnv?: Record<string, string | undefined>;
	});
	installed: InstalledN8n;
	userFolder: string;
	url: string;
	/** where production webhooks are served: this process, or in queue mode a webhook process */
	webhookUrl: string;
	command: 'start' | 'webhook' | 'worker';
	brokerPort: number;
	port: number;
	filesFolder: string;
	/** n8n's own Webhook node (with Header Auth when a secret is given) → "After", active */
	plainWebhookWorkflow(
		name: string,
		options?: { headerAuthSecret?: string },
	): Promise<{ id: string; path: string; headers: Record<string, string> }>;
	logFile: string;
	cookie: string;
	apiKey: string;
	start(options?: { timeoutMs?: number }): Promise<this>;
	stop(): Promise<void>;
	logTail(lines?: number): string;
	cli(args: string[], options?: { logLevel?: string }): Promise<string>;
	execute(workflowId: string): Promise<any>;
	setupOwner(): Promise<{ email: string; password: string }>;
	request(
		method: string,
		route: string,
		body?: unknown,
		headers?: Record<string, string>,
	): Promise<any>;
	rest(method: string, route: string, body?: unknown): Promise<any>;
	api(method: string, route: string, body?: unknown): Promise<any>;
	createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string }>;
	createWorkflow(workflow: {
		name: string;
		nodes: any[];
		connections: any;
		settings?: any;
	}): Promise<any>;
	activate(id: string): Promise<any>;
	executions(workflowId: string): Promise<any[]>;
	createSimulatorCredentials(
		sim: { credentialData(): object },
		label: string,
	): Promise<SavedCredentials>;
	createCallbackCredentials(
		secret: string,
		label: string,
	): Promise<Record<'oyCallbackApi' | 'wappinCallbackApi', { id: string; name: string }>>;
	activateWebhook(workflowId: string, url: string): Promise<void>;
	triggerWorkflow(
		type: string,
		parameters: Record<string, unknown>,
		options?: { active?: boolean; typeVersion?: number; credentials?: Record<string, unknown> },
	): Promise<{ id: string; url: string }>;
	webhookWorkflow(
		name: string,
		nodes: any[],
	): Promise<{
		id: string;
		run(
			rows: Array<Record<string, unknown>>,
			options?: { timeoutMs?: number },
		): Promise<{ status: number; body: any }>;
	}>;
	startedWorkflow(
		name: string,
		nodes: any[],
		options?: { subNodes?: any[]; connections?: Record<string, unknown> },
	): Promise<{ id: string; start(body: unknown): Promise<number> }>;
	executionWithStatus(workflowId: string, status: string, timeoutMs?: number): Promise<any>;
	resumedExecution(waiting: { id: string }, status?: string, timeoutMs?: number): Promise<any>;
	lastExecution(workflowId: string): Promise<any>;
	newestExecution(workflowId: string): Promise<any>;
	waitForExecutions(
		workflowId: string,
		options?: { count?: number; quietMs?: number; timeoutMs?: number },
	): Promise<any[]>;
}

export function packageTarballs(): string[];
export function installPackage(userFolder: string, tarballs?: string | string[]): Promise<void>;
export const PACKAGE_NAME: string;
export const ROOT: string;
export const OWNER: { email: string; firstName: string; lastName: string; password: string };
export function freePortPair(): Promise<number>;
export function launchN8n(options: {
	installed: InstalledN8n;
	folder: string;
	/** n8n settings on top of the defaults, e.g. N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE */
	extraEnv?: Record<string, string | undefined>;
	/** tarballs to install (default: packageTarballs()) */
	tarballs?: string[];
}): Promise<N8nInstance>;
