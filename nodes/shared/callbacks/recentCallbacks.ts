import { createHash } from 'node:crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * Callbacks seen recently by each trigger node, so a repeat does not start a second execution.
 * Two memories: this process's (fast, catches repeats arriving at the same moment) and the
 * workflow's static data, which n8n loads from the database for every production webhook request
 * and saves after webhook() returns, so it holds across restarts and across the webhook
 * processes of queue mode. n8n saves static data without a lock: the same callback reaching two
 * processes within the same few milliseconds can still start two executions (see the README).
 */

const REMEMBER_FOR_MS = 24 * 3600 * 1000;
/** in this process's memory, per node */
const REMEMBERED_IN_PROCESS = 10_000;
/** in the workflow's static data, per node: about 20 bytes each, saved with every new callback */
export const REMEMBERED_IN_STATIC_DATA = 1_000;

/** Keys seen recently, oldest first; bounded in count and age. */
class RecentKeys {
	private readonly seen = new Map<string, number>();

	has(key: string, now: number): boolean {
		const at = this.seen.get(key);
		return at !== undefined && now - at < REMEMBER_FOR_MS;
	}

	add(key: string, now: number): void {
		this.seen.delete(key);
		this.seen.set(key, now);
		while (this.seen.size > REMEMBERED_IN_PROCESS) {
			this.seen.delete(this.seen.keys().next().value as string);
		}
	}
}

// One memory per trigger node; a bounded number of nodes, oldest forgotten first.
const memories = new Map<string, RecentKeys>();
const REMEMBERED_NODES = 500;

function processMemory(ctx: IWebhookFunctions): RecentKeys {
	const node = ctx.getNode();
	const key = `${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
	let memory = memories.get(key);
	if (!memory) {
		memory = new RecentKeys();
		memories.set(key, memory);
		if (memories.size > REMEMBERED_NODES) memories.delete(memories.keys().next().value as string);
	}
	return memory;
}

/** A short, fixed-size stand-in for a callback's key (72 bits: collisions are negligible). */
const compact = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 12);

/** [compact key, seconds since 1970] pairs, oldest first, as kept in the static data */
type StoredKeys = Array<[string, number]>;

/**
 * Whether this callback was seen recently (by this process, or by any process since the static
 * data was last saved); if not, it is remembered in both places.
 */
export function isRepeatedCallback(ctx: IWebhookFunctions, dedupeKey: string): boolean {
	const now = Date.now();
	const memory = processMemory(ctx);
	const key = compact(dedupeKey);
	if (memory.has(key, now)) return true;
	memory.add(key, now); // before any await: a simultaneous repeat here sees it

	const staticData = ctx.getWorkflowStaticData('node') as IDataObject;
	const stored = Array.isArray(staticData.recentCallbacks)
		? (staticData.recentCallbacks as StoredKeys)
		: [];
	const oldest = Math.floor((now - REMEMBER_FOR_MS) / 1000);
	const fresh = stored.filter(([, at]) => at > oldest);
	if (fresh.some(([storedKey]) => storedKey === key)) return true;
	fresh.push([key, Math.floor(now / 1000)]);
	// n8n saves the static data once webhook() has returned: kept small, it is a small write
	staticData.recentCallbacks = fresh.slice(-REMEMBERED_IN_STATIC_DATA);
	return false;
}
