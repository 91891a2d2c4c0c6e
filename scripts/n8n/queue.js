'use strict';
// n8n in queue mode on 127.0.0.1, as users who send at volume run it: Debian's Postgres and Redis
// (installed with apt-get when missing), one main process, webhook processes and workers, all
// sharing one user folder with this package installed as a community package. Everything is
// stopped by PID, also when a step fails. Used by the queue-mode suite (test/queue).
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { N8nInstance, freePortPair, installPackage } = require('./instance');
const { waitFor } = require('./workflows');

const DB = { user: 'n8n', password: 'n8n', database: 'postgres' };

/** The newest Postgres server of Debian's packages (/usr/lib/postgresql/<major>/bin), if any. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => b - a) : [];
	const found = majors
		.map((major) => path.join(root, major, 'bin'))
		.find((bin) => {
			return fs.existsSync(path.join(bin, 'postgres'));
		});
	return found;
}

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Installs Debian's postgresql and redis-server when missing (as root, as CI runs), without starting their services. */
function ensureDebianPackages(log) {
	const missing = [];
	if (!postgresBin()) missing.push('postgresql');
	if (!onPath('redis-server')) missing.push('redis-server');
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0)
		throw new Error(
			`queue mode needs ${missing.join(' and ')}: apt-get install ${missing.join(' ')}`,
		);
	log(`apt-get install ${missing.join(' ')}`);
	// policy-rc.d answering 101 keeps apt from starting the packages' own services (on 5432, 6379)
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !fs.existsSync(policy);
	if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		for (const args of [
			['update', '-qq'],
			['install', '-y', '-qq', '--no-install-recommends', ...missing],
		]) {
			const result = spawnSync('apt-get', args, { env, stdio: 'inherit' });
			if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
		}
	} finally {
		if (ownPolicy) fs.rmSync(policy);
	}
}

/** A free port on 127.0.0.1 (see freePortPair). */
const freePort = freePortPair;

/** A spawned server in its own process group, stopped by PID. */
function startServer(command, args, { logFile, env, cwd }) {
	const log = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { cwd, env, stdio: ['ignore', log, log], detached: true });
	fs.closeSync(log);
	const exited = new Promise((resolve) => child.on('exit', resolve));
	return {
		pid: child.pid,
		running: () => child.exitCode === null && child.signalCode === null,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const kill = (sig) => {
				try {
					process.kill(-child.pid, sig);
				} catch {
					// already gone
				}
			};
			kill(signal);
			const timer = setTimeout(() => kill('SIGKILL'), 15000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/** The server once `ready()` says so while it runs; stopped again if it does not get there. */
async function startWhenReady(server, ready, what, timeoutMs = 60000) {
	try {
		await waitFor(async () => server.running() && (await ready()), what, timeoutMs);
	} catch (error) {
		await server.stop();
		throw error;
	}
	return server;
}

const canConnect = (port) =>
	new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => socket.end(() => resolve(true)));
		socket.once('error', () => resolve(false));
	});

/**
 * A Postgres cluster of its own in `folder` (Postgres refuses to run as root: as root it is
 * created and run as the `postgres` user), on 127.0.0.1 with trust authentication.
 */
async function startPostgres(folder) {
	const bin = postgresBin();
	const asRoot = process.getuid?.() === 0;
	// the postgres user must be able to reach the folder; a clone under /root is not reachable
	const reachable =
		!asRoot ||
		spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', path.dirname(folder)]).status === 0;
	const base = reachable ? folder : fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-pg-'));
	const data = path.join(base, 'data');
	fs.rmSync(base, { recursive: true, force: true });
	fs.mkdirSync(base, { recursive: true, mode: 0o755 });
	if (asRoot) spawnSync('chown', ['postgres:postgres', base]);
	const as = (args) =>
		asRoot ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0], args.slice(1)];

	const [initCommand, initArgs] = as([
		path.join(bin, 'initdb'),
		'-D',
		data,
		'-U',
		DB.user,
		'--auth=trust',
		'--encoding=UTF8',
		'--no-instructions',
	]);
	const init = spawnSync(initCommand, initArgs, { cwd: base, encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);

	const port = await freePort();
	const [command, args] = as([
		path.join(bin, 'postgres'),
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		base, // its socket next to its data, not in /var/run/postgresql
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'max_connections=200',
		// a test database: durability across a crash of the machine is not needed
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
	]);
	const server = await startWhenReady(
		startServer(command, args, { logFile: path.join(folder + '.log'), cwd: base }),
		() =>
			spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).status === 0,
		'Postgres',
	);
	return {
		...server,
		port,
		// SIGINT: Postgres's fast shutdown
		stop: () => server.stop('SIGINT'),
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: DB.database,
			DB_POSTGRESDB_USER: DB.user,
			DB_POSTGRESDB_PASSWORD: DB.password,
		},
	};
}

/** Redis on 127.0.0.1, nothing written to disk. */
async function startRedis(folder) {
	fs.mkdirSync(folder, { recursive: true });
	const port = await freePort();
	const server = await startWhenReady(
		startServer(
			'redis-server',
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ logFile: path.join(folder, 'redis.log'), cwd: folder },
		),
		() => canConnect(port),
		'Redis',
	);
	return {
		...server,
		port,
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
	};
}

/**
 * n8n in queue mode in `folder` (emptied first): Postgres, Redis, the main process (started first:
 * it runs the migrations; production webhooks are left to the webhook processes), `webhooks`
 * webhook processes and `workers` workers. Answers { main, webhookProcesses, workers, stop() }.
 */
async function launchQueueN8n({
	installed,
	folder,
	webhooks = 2,
	workers = 2,
	extraEnv = {},
	log,
}) {
	ensureDebianPackages(log);
	fs.rmSync(folder, { recursive: true, force: true });
	const userFolder = path.join(folder, 'n8n-user');
	fs.mkdirSync(userFolder, { recursive: true });
	const servers = [];
	const deployment = {
		main: undefined,
		webhookProcesses: [],
		workers: [],
		/** every n8n process */
		processes: () => [deployment.main, ...deployment.webhookProcesses, ...deployment.workers],
		async stop() {
			await Promise.all(deployment.processes().map((n8n) => n8n?.stop()));
			for (const server of servers.reverse()) await server.stop();
		},
		/**
		 * CPU seconds each part has used so far: every process of its process group, with the
		 * children that ended (Postgres's per-connection backends, n8n's task runners).
		 */
		cpuSeconds() {
			const groups = {
				'webhook processes': deployment.webhookProcesses.map((n8n) => n8n.process?.pid),
				workers: deployment.workers.map((n8n) => n8n.process?.pid),
				main: [deployment.main.process?.pid],
				// Postgres leaves the process group it was started in: counted by name
				Postgres: ['postgres'],
				Redis: [servers[1]?.pid],
			};
			const ticks = groupCpuTicks();
			return Object.fromEntries(
				Object.entries(groups).map(([part, leaders]) => [
					part,
					leaders.reduce((sum, pid) => sum + (ticks.get(pid) ?? 0), 0) / CLOCK_TICKS_PER_SECOND,
				]),
			);
		},
		/** Restarts every n8n process, one after another (main first), with these settings added. */
		async restartWith(env) {
			for (const n8n of deployment.processes()) {
				await n8n.stop();
				n8n.extraEnv = { ...n8n.extraEnv, ...env };
				await n8n.start();
			}
		},
	};
	try {
		await installPackage(userFolder);
		const postgres = await startPostgres(path.join(folder, 'postgres'));
		servers.push(postgres);
		const redis = await startRedis(path.join(folder, 'redis'));
		servers.push(redis);
		const shared = {
			...postgres.env,
			...redis.env,
			EXECUTIONS_MODE: 'queue',
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			// queue mode stores binary data in the database by default; say so explicitly
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			...extraEnv,
		};
		const instance = async (name, command, env = {}) => {
			const port = await freePortPair();
			return new N8nInstance({
				installed,
				userFolder,
				port,
				brokerPort: await freePortPair(),
				logFile: path.join(folder, `${name}.log`),
				command,
				extraEnv: {
					...shared,
					N8N_EVENTBUS_LOGWRITER_LOGFULLPATH: path.join(folder, 'events', `${name}.log`),
					...(command === 'worker'
						? {
								QUEUE_HEALTH_CHECK_ACTIVE: 'true',
								QUEUE_HEALTH_CHECK_PORT: String(port),
								N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
							}
						: {}),
					...env,
				},
			});
		};
		deployment.main = await instance('main', 'start');
		await deployment.main.start();
		await deployment.main.setupOwner();
		for (let i = 1; i <= webhooks; i++)
			deployment.webhookProcesses.push(await instance(`webhook-${i}`, 'webhook'));
		for (let i = 1; i <= workers; i++)
			deployment.workers.push(await instance(`worker-${i}`, 'worker'));
		// one at a time: on 2 cores, parallel start-ups only take longer each
		for (const n8n of [...deployment.webhookProcesses, ...deployment.workers]) await n8n.start();
		deployment.main.webhookUrl = deployment.webhookProcesses[0].url;
	} catch (error) {
		await deployment.stop();
		throw error;
	}
	return deployment;
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU ticks by process group (leader pid) from /proc, Postgres's processes under 'postgres': user
 * + system, own and of ended children.
 */
function groupCpuTicks() {
	const ticks = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // ended meanwhile
		}
		// fields after the command name: state ppid pgrp … utime(12th) stime cutime cstime
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		const group = name === 'postgres' ? name : Number(fields[2]);
		const used = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
		ticks.set(group, (ticks.get(group) ?? 0) + used);
	}
	return ticks;
}

/** The executions each worker ran, from the workers' logs: { 'worker-1': ['12', …], … }. */
function executionsByWorker(deployment) {
	return Object.fromEntries(
		deployment.workers.map((worker) => {
			const text = fs.existsSync(worker.logFile) ? fs.readFileSync(worker.logFile, 'utf8') : '';
			const ids = [...text.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
			return [path.basename(worker.logFile, '.log'), ids];
		}),
	);
}

module.exports = { launchQueueN8n, executionsByWorker };
