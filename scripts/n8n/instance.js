'use strict';
// Starts a real n8n on 127.0.0.1 with this package installed as a community package, and drives it
// through its REST and public APIs. Used by the end-to-end suite and by `npm start`.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { randomUUID } = require('node:crypto');

const { run, withoutNpmSettings } = require('./install');
const { packedTarballs } = require('../packages');
const { INSTALLED_PACKAGES, chain, pause, post, waitFor, workflowNode } = require('./workflows');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Owner-Password-1',
};

/**
 * The tarballs of the packages the toolkit installs (see INSTALLED_PACKAGES), as
 * `npm run pack:all` left them in .tmp/packages/.
 */
function packageTarballs() {
	const packed = packedTarballs();
	return INSTALLED_PACKAGES.map((name) => packed[name]);
}

/**
 * Installs the tarballs the way n8n installs community packages, side by side in
 * <user folder>/.n8n/nodes/node_modules.
 */
async function installPackage(userFolder, tarballs = packageTarballs()) {
	const nodesFolder = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesFolder, { recursive: true });
	const manifest = path.join(nodesFolder, 'package.json');
	if (!fs.existsSync(manifest))
		fs.writeFileSync(manifest, '{"name":"installed-nodes","private":true,"dependencies":{}}\n');
	await run(
		'npm',
		['install', '--omit=peer', '--ignore-scripts', '--package-lock=false', ...[tarballs].flat()],
		{
			cwd: nodesFolder,
			env: withoutNpmSettings(),
		},
	);
}

/** n8n's settings that keep it on 127.0.0.1, offline and quiet. */
function n8nEnvironment({ installed, userFolder, port, brokerPort, filesFolder }) {
	const major = Number(installed.version.split('.')[0]);
	return {
		// jest sets NODE_ENV=test, under which n8n exits silently at start-up
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_ENCRYPTION_KEY: 'local-n8n-not-a-secret-0123456789',
		DB_TYPE: 'sqlite',
		// n8n 2.x's default, and what n8n 1.x asks for at start-up: 1.x's default (0, one shared
		// connection) mixes up transactions that run at once and refuses some of them (README)
		DB_SQLITE_POOL_SIZE: '3',
		// n8n 3.0 loads unverified community packages only with this (earlier versions: the default)
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		// the MCP registry module (2.x only) fetches a registry from the internet at start-up
		N8N_DISABLED_MODULES: major >= 2 ? 'mcp-registry' : undefined,
		// n8n 1.x runs on Node 20, where its optional vm expression engine (isolated-vm 6 needs
		// Node 22) cannot load: 1.x users on Node 20 run the legacy engine
		N8N_EXPRESSION_ENGINE: major >= 2 ? undefined : 'legacy',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_TASK_TIMEOUT: '60',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: 'info',
		N8N_RESTRICT_FILE_ACCESS_TO: filesFolder,
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		EXECUTIONS_DATA_PRUNE: 'false',
		N8N_CUSTOM_EXTENSIONS: undefined,
	};
}

class N8nInstance {
	/**
	 * command: `start` (the main process), `webhook` or `worker` (queue mode; a worker's port is
	 * its health-check port); extraEnv: settings on top of n8nEnvironment (queue mode, database).
	 */
	constructor({ installed, userFolder, port, brokerPort, logFile, command = 'start', extraEnv }) {
		this.installed = installed;
		this.userFolder = userFolder;
		this.port = port;
		this.brokerPort = brokerPort;
		this.logFile = logFile;
		this.command = command;
		this.extraEnv = extraEnv ?? {};
		this.url = `http://127.0.0.1:${port}`;
		/** where production webhooks are served (in queue mode: a webhook process) */
		this.webhookUrl = this.url;
		this.filesFolder = path.join(userFolder, 'files');
		this.cookie = '';
		this.apiKey = '';
	}

	env(extra = {}) {
		const env = { ...this.installed.env, ...n8nEnvironment(this), ...this.extraEnv, ...extra };
		for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
		return env;
	}

	/** Starts `n8n <command>` and waits until it is ready (the main process: its REST API too). */
	async start({ timeoutMs = 180000 } = {}) {
		fs.mkdirSync(this.filesFolder, { recursive: true });
		const log = fs.openSync(this.logFile, 'a');
		this.process = spawn(this.installed.nodeBin, [this.installed.n8nBin, this.command], {
			cwd: this.userFolder,
			env: this.env(),
			stdio: ['ignore', log, log],
			detached: true,
		});
		fs.closeSync(log);
		this.exited = new Promise((resolve) => this.process.on('exit', resolve));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.process.exitCode !== null)
				throw new Error(`n8n exited at start-up; see ${this.logFile}\n${this.logTail()}`);
			try {
				// n8n 1.x reports ready while its migrations still run: wait for the REST API too
				const ready = await fetch(`${this.url}/healthz/readiness`);
				if (ready.ok && this.command !== 'start') return this;
				const settings = ready.ok ? await fetch(`${this.url}/rest/settings`) : undefined;
				if (settings?.ok) return this;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(
			`n8n was not ready after ${timeoutMs / 1000} s; see ${this.logFile}\n${this.logTail()}`,
		);
	}

	logTail(lines = 40) {
		try {
			return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
		} catch {
			return '';
		}
	}

	/** Stops n8n and its task runner (the whole process group). */
	async stop() {
		if (!this.process || this.process.exitCode !== null) return;
		const group = -this.process.pid;
		try {
			process.kill(group, 'SIGTERM');
		} catch {
			return;
		}
		const timer = setTimeout(() => {
			try {
				process.kill(group, 'SIGKILL');
			} catch {
				// already gone
			}
		}, 15000);
		await this.exited;
		clearTimeout(timer);
		try {
			process.kill(group, 'SIGKILL'); // a task runner left behind
		} catch {
			// none left
		}
	}

	/** Runs an n8n CLI command against the same user folder (its own task-broker port). */
	async cli(args, { logLevel = 'warn' } = {}) {
		return run(this.installed.nodeBin, [this.installed.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env({
				N8N_RUNNERS_BROKER_PORT: String(this.brokerPort + 1),
				N8N_LOG_LEVEL: logLevel,
			}),
		});
	}

	/** Runs a saved workflow (from its manual trigger) with `n8n execute`; returns n8n's run data. */
	async execute(workflowId) {
		const output = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
			logLevel: 'info',
		});
		// the pretty-printed result runs from a line "{" to a line "}"; log lines may follow it
		const found = output.match(/^\{$[\s\S]*?^\}$/m);
		if (!found) throw new Error(`n8n execute printed no result:\n${output.slice(-2000)}`);
		return JSON.parse(found[0]);
	}

	/** Creates the owner on a fresh instance (or logs in) and an API key for the public API. */
	async setupOwner() {
		let response = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!response.ok) {
			response = await fetch(`${this.url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					emailOrLdapLoginId: OWNER.email,
					email: OWNER.email,
					password: OWNER.password,
				}),
			});
		}
		if (!response.ok)
			throw new Error(`owner set-up failed: ${response.status} ${await response.text()}`);
		this.cookie = (response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie')])
			.map((cookie) => String(cookie).split(';')[0])
			.join('; ');
		const scopes = (await this.rest('GET', '/rest/api-keys/scopes')).data;
		const key = await this.rest('POST', '/rest/api-keys', {
			label: `key-${Date.now()}`,
			scopes,
			expiresAt: null,
		});
		this.apiKey = key.data.rawApiKey;
		return OWNER;
	}

	async request(method, route, body, headers) {
		const send = () =>
			fetch(`${this.url}${route}`, {
				method,
				headers: {
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
					...headers,
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		// A kept-alive connection that n8n closed while idle fails before n8n reads the request:
		// sending it once more on a new connection is safe.
		const response = await send().catch((error) => {
			if (error?.cause?.code !== 'UND_ERR_SOCKET') throw error;
			return send();
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${route} → ${response.status}: ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	}

	/** The editor's own REST API (owner cookie). */
	rest(method, route, body) {
		return this.request(method, route, body, { cookie: this.cookie });
	}

	/** n8n's public API (API key). */
	api(method, route, body) {
		return this.request(method, `/api/v1${route}`, body, { 'x-n8n-api-key': this.apiKey });
	}

	/** Saves a credential as the editor does (n8n 1.x's public API rejects credentials with `authenticate`). */
	async createCredential(name, type, data) {
		return (await this.rest('POST', '/rest/credentials', { name, type, data })).data;
	}

	/** Imports a workflow (public API) and returns it with its id. */
	createWorkflow(workflow) {
		const { name, nodes, connections } = workflow;
		return this.api('POST', '/workflows', {
			name,
			nodes,
			connections,
			settings: workflow.settings ?? { executionOrder: 'v1' },
		});
	}

	async activate(id) {
		return this.api('POST', `/workflows/${id}/activate`);
	}

	/**
	 * Credentials of both providers pointing at a simulator, saved as the editor does; answers
	 * { wappinApi: { id, name }, oyApi: { id, name } } for a node's `credentials`.
	 */
	async createSimulatorCredentials(sim, label) {
		const saved = {};
		const provider = { wappinApi: 'Wappin', oyApi: 'OY!' };
		for (const [type, data] of Object.entries(sim.credentialData())) {
			const { id, name } = await this.createCredential(`${provider[type]} (${label})`, type, data);
			saved[type] = { id, name };
		}
		return saved;
	}

	/**
	 * The callback-secret credentials of both providers (what the triggers from version 2 read);
	 * answers { oyCallbackApi: { id, name }, wappinCallbackApi: { id, name } }.
	 */
	async createCallbackCredentials(secret, label) {
		const saved = {};
		const provider = {
			wappinCallbackApi: 'Wappin callback secret',
			oyCallbackApi: 'OY! callback secret',
		};
		for (const [type, name] of Object.entries(provider)) {
			const { id } = await this.createCredential(`${name} (${label})`, type, { secret });
			saved[type] = { id, name: `${name} (${label})` };
		}
		return saved;
	}

	/** Activates a workflow and waits until n8n routes its webhook URL. */
	async activateWebhook(workflowId, url) {
		await this.activate(workflowId);
		// an empty object is refused by the triggers and never starts an execution
		await waitFor(async () => (await post(url, '{}')).status !== 404, `webhook ${url}`);
	}

	/** A workflow: trigger of `type` → "After"; answers its id and callback URL. */
	async triggerWorkflow(type, parameters, { active = true, typeVersion = 1.1, credentials } = {}) {
		const webhookId = randomUUID();
		const workflow = await this.createWorkflow(
			chain(`${type.split('.').pop()} ${webhookId.slice(0, 8)}`, [
				workflowNode('Trigger', type, parameters, { webhookId, typeVersion, credentials }),
				workflowNode('After', 'n8n-nodes-base.noOp'),
			]),
		);
		const url = `${this.webhookUrl}/webhook/${webhookId}/callback`;
		if (active) await this.activateWebhook(workflow.id, url);
		return { id: workflow.id, url };
	}

	/**
	 * n8n's own Webhook node (POST, answers at once) → "After", active: the yardstick the triggers'
	 * callback rates are compared with. With `headerAuthSecret` it is protected as a user protects
	 * it (Header Auth: the secret in an X-Callback-Secret header). Answers its id, the path its URLs
	 * end in and the headers each request must carry.
	 */
	async plainWebhookWorkflow(name, { headerAuthSecret } = {}) {
		const hookPath = `plain-${randomUUID()}`;
		const header = 'X-Callback-Secret';
		const credential =
			headerAuthSecret &&
			(await this.createCredential(`${name} Header Auth`, 'httpHeaderAuth', {
				name: header,
				value: headerAuthSecret,
			}));
		const workflow = await this.createWorkflow(
			chain(name, [
				workflowNode(
					'Webhook',
					'n8n-nodes-base.webhook',
					{
						httpMethod: 'POST',
						path: hookPath,
						...(credential && { authentication: 'headerAuth' }),
						options: {},
					},
					{
						typeVersion: 2,
						webhookId: randomUUID(),
						...(credential && {
							credentials: { httpHeaderAuth: { id: credential.id, name: credential.name } },
						}),
					},
				),
				workflowNode('After', 'n8n-nodes-base.noOp'),
			]),
		);
		await this.activate(workflow.id);
		const headers = headerAuthSecret ? { [header.toLowerCase()]: headerAuthSecret } : {};
		return { id: workflow.id, path: `/webhook/${hookPath}`, headers };
	}

	/**
	 * A workflow started by n8n's own Webhook node that answers with every item of its last node:
	 * run(rows) runs the nodes with one item per row ($json is the row).
	 */
	async webhookWorkflow(name, nodes) {
		const hookPath = `run-${randomUUID()}`;
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
		const workflow = await this.createWorkflow(chain(name, [webhook, rows, ...nodes]));
		await this.activate(workflow.id);
		const url = `${this.webhookUrl}/webhook/${hookPath}`;
		return {
			id: workflow.id,
			/** answers { status, body }: the last node's items, or n8n's error */
			async run(rowsToRun, { timeoutMs = 30000 } = {}) {
				let answer;
				const deadline = Date.now() + 15000;
				do {
					// registration may finish a moment after activation answers
					answer = await post(url, { rows: rowsToRun }, {}, timeoutMs);
				} while (answer.status === 404 && Date.now() < deadline && (await pause(200)));
				try {
					return { status: answer.status, body: JSON.parse(answer.body) };
				} catch {
					return answer; // n8n's error answers are JSON; anything else stays text
				}
			},
		};
	}

	/**
	 * n8n's Webhook node (POST, answers at once) → nodes, active: for workflows that wait (Send and
	 * Wait). start(body) starts one execution ($json.body is the body) and answers its HTTP status.
	 * subNodes (AI model, tools) join the workflow with their own `connections`.
	 */
	async startedWorkflow(name, nodes, { subNodes = [], connections = {} } = {}) {
		const hookPath = `start-${randomUUID()}`;
		const webhook = workflowNode(
			'Webhook',
			'n8n-nodes-base.webhook',
			{ httpMethod: 'POST', path: hookPath, options: {} },
			{ typeVersion: 2, webhookId: randomUUID() },
		);
		const line = chain(name, [webhook, ...nodes]);
		subNodes.forEach((node, index) => (node.position = [index * 240, 240]));
		const workflow = await this.createWorkflow({
			...line,
			nodes: [...line.nodes, ...subNodes],
			connections: { ...line.connections, ...connections },
		});
		await this.activate(workflow.id);
		const url = `${this.webhookUrl}/webhook/${hookPath}`;
		return {
			id: workflow.id,
			async start(body) {
				let answer;
				const deadline = Date.now() + 15000;
				do answer = await post(url, body);
				while (answer.status === 404 && Date.now() < deadline && (await pause(200)));
				return answer.status;
			},
		};
	}

	/**
	 * The newest execution of a workflow once it has the status (e.g. `waiting`, `success`); an
	 * execution that failed instead stops the wait with n8n's error message.
	 */
	executionWithStatus(workflowId, status, timeoutMs = 30000) {
		return untilStatus(
			() => this.newestExecution(workflowId),
			status,
			timeoutMs,
			`workflow ${workflowId}`,
		);
	}

	/**
	 * The execution that waited, once it has ended with the status. Not the workflow's newest: the
	 * editor's list reads running and ended executions in two queries, so while this one resumes
	 * the newest may for a moment be an older execution that has ended.
	 */
	resumedExecution(waiting, status = 'success', timeoutMs = 30000) {
		const read = () => this.api('GET', `/executions/${waiting.id}?includeData=true`);
		return untilStatus(read, status, timeoutMs, `execution ${waiting.id}`);
	}

	/**
	 * The newest execution of a workflow, found through the editor's list (n8n 1.x's public API
	 * leaves out executions that wait); with its data once it has ended.
	 */
	async newestExecution(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await this.rest('GET', `/rest/executions?filter=${filter}&limit=1`);
		const [newest] = list.data.results;
		if (!newest || ['new', 'running', 'waiting'].includes(newest.status)) return newest;
		return await this.api('GET', `/executions/${newest.id}?includeData=true`);
	}

	/** The newest execution of a workflow, with its data. */
	async lastExecution(workflowId) {
		const [latest] = await this.executions(workflowId);
		return latest;
	}

	/**
	 * A workflow's executions once at least `count` have finished and none has been added for
	 * `quietMs`; oldest (first started) first.
	 */
	async waitForExecutions(workflowId, { count = 0, quietMs = 1000, timeoutMs = 60000 } = {}) {
		let found = [];
		let quietSince = Date.now();
		await waitFor(
			async () => {
				const now = await this.executions(workflowId);
				if (now.length !== found.length) quietSince = Date.now();
				found = now;
				const finished = now.every((e) => e.status !== 'running' && e.status !== 'new');
				return finished && now.length >= count && Date.now() - quietSince >= quietMs;
			},
			`${count} executions of workflow ${workflowId}`,
			timeoutMs,
		);
		return found.sort((a, b) => Number(a.id) - Number(b.id));
	}

	async executions(workflowId) {
		const found = [];
		let cursor;
		do {
			const page = await this.api(
				'GET',
				`/executions?workflowId=${workflowId}&includeData=true&limit=250${cursor ? `&cursor=${cursor}` : ''}`,
			);
			found.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return found;
	}
}

/** A free port on 127.0.0.1 whose next port is free too (n8n's CLI takes broker port + 1). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function freePortPair() {
	for (;;) {
		const port = await freePort();
		const next = await new Promise((resolve) => {
			const server = net.createServer();
			server.on('error', () => resolve(false));
			server.listen(port + 1, '127.0.0.1', () => server.close(() => resolve(true)));
		});
		if (next) return port;
	}
}

/**
 * Polls `read` (an execution, or nothing yet) until it has the status; an error status throws.
 * n8n 1.x on SQLite writes an ended execution's status before its data: a success whose data
 * still has nodes to run is read again.
 */
async function untilStatus(read, status, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = await read().catch(() => undefined);
		const dataNotYetSaved =
			status === 'success' && found?.data?.executionData?.nodeExecutionStack?.length > 0;
		if (found?.status === status && !dataNotYetSaved) return found;
		if (found?.status === 'error') {
			const error = found.data?.resultData?.error;
			throw new Error(
				`execution ${found.id} failed: ${error?.message} ${error?.description ?? ''}`,
			);
		}
		if (Date.now() > deadline)
			throw new Error(`no execution of ${what} with status ${status} (last: ${found?.status})`);
		await pause(100);
	}
}

/**
 * A new n8n in `folder` (emptied first) with `tarballs` installed (this repository's packed
 * packages, see packageTarballs), started, with its owner and API key; stopped again if any step
 * fails.
 */
async function launchN8n({ installed, folder, extraEnv, tarballs = packageTarballs() }) {
	fs.rmSync(folder, { recursive: true, force: true });
	const userFolder = path.join(folder, 'n8n-user');
	fs.mkdirSync(userFolder, { recursive: true });
	await installPackage(userFolder, tarballs);
	const n8n = new N8nInstance({
		installed,
		userFolder,
		port: await freePortPair(),
		brokerPort: await freePortPair(),
		logFile: path.join(folder, 'n8n.log'),
		extraEnv,
	});
	try {
		await n8n.start();
		await n8n.setupOwner();
	} catch (error) {
		await n8n.stop();
		throw error;
	}
	return n8n;
}

module.exports = {
	N8nInstance,
	launchN8n,
	freePortPair,
	packageTarballs,
	installPackage,
	PACKAGE_NAME,
	OWNER,
	ROOT,
};
