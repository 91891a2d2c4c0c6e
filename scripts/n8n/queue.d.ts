// Types of queue.js (plain JavaScript, used by the queue-mode suite).
import type { InstalledN8n, N8nInstance } from './instance';

export interface QueueDeployment {
	main: N8nInstance;
	webhookProcesses: N8nInstance[];
	workers: N8nInstance[];
	processes(): N8nInstance[];
	stop(): Promise<void>;
	/** CPU seconds used so far by each part: webhook processes, workers, main, Postgres, Redis */
	cpuSeconds(): Record<string, number>;
	/** restarts every n8n process, one after another (main first), with these settings added */
	restartWith(env: Record<string, string>): Promise<void>;
}

export function launchQueueN8n(options: {
	installed: InstalledN8n;
	folder: string;
	webhooks?: number;
	workers?: number;
	extraEnv?: Record<string, string | undefined>;
	log: (line: string) => void;
}): Promise<QueueDeployment>;

/** The executions each worker ran, from the workers' logs: { 'worker-1': ['12', …], … }. */
export function executionsByWorker(deployment: QueueDeployment): Record<string, string[]>;
