import { createHash } from 'node:crypto';
import type { IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { GuardSpec } from './guard';
import { askStoreOnceMoreIfRaced } from '../processedStore';

/**
 * Callbacks seen recently by each trigger node, so a repeat does not run the workflow twice.
 * Two steps:
 * 1. In webhook(), this process's memory: a repeat that reaches the same process starts nothing.
 * 2. In the trigger's execute(), the first step of every execution (on a worker in queue mode):
 *    n8n's deduplication store, a table in n8n's database shared by every process and kept across
 *    restarts. A repeat that reached another webhook process, or came after a restart, gives an
 *    execution that ends at the trigger with no items.
 * The workflow's static data cannot do step 2: n8n 2.41 drops what webhook() writes there once it
 * holds anything (WorkflowRunner wraps the same object again, which clears its changed flag before
 * the save), and the store is not reachable from webhook().
 */

/** in this process's memory, per node */
const REMEMBERED_IN_PROCESS = 10_000;
/** in n8n's deduplication store, per node: about 27 bytes each, rewritten with every callback */
const REMEMBERED_IN_STORE = 2_000;
/** this process's newest keys, recorded again with every callback (see passNewCallbacks) */
const RECORDED_AGAIN = 100;

/** Keys seen recently, oldest first; bounded in count. */
class RecentKeys {
	private readonly seen = new Set<string>();

	has(key: string): boolean {
		return this.seen.has(key);
	}

	/** The newest `count` keys, oldest first. */
	newest(count: number): string[] {
		return Array.from(this.seen).slice(-count);
	}

	add(key: string): void {
		this.seen.delete(key);
		this.seen.add(key);
		if (this.seen.size > REMEMBERED_IN_PROCESS) {
			this.seen.delete(this.seen.values().next().value as string);
		}
	}
}

// One memory per trigger node and step; a bounded number of nodes, oldest forgotten first.
const memories = new Map<string, RecentKeys>();
const REMEMBERED_NODES = 500;

function nodeKey(ctx: IWebhookFunctions | IExecuteFunctions): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
}

function memoryOf(key: string): RecentKeys {
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

/** Step 1: whether this process saw the callback already; if not, it is remembered. */
export function isRepeatedCallback(ctx: IWebhookFunctions, dedupeKey: string): boolean {
	const memory = memoryOf(`webhook:${nodeKey(ctx)}`);
	const key = compact(dedupeKey);
	if (memory.has(key)) return true;
	memory.add(key);
	return false;
}

// Calls to the store one after another per node in this process: n8n's store reads, changes and
// writes one row without a lock, so two calls at once would lose one of the keys.
const storeQueues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(queueKey: string, task: () => Promise<T>): Promise<T> {
	const result = (storeQueues.get(queueKey) ?? Promise.resolve()).then(task);
	const settled = result.catch(() => undefined);
	storeQueues.set(queueKey, settled);
	void settled.then(() => {
		if (storeQueues.get(queueKey) === settled) storeQueues.delete(queueKey);
	});
	return result;
}

/**
 * Step 2: the execution's items, without those whose callback n8n's deduplication store already
 * holds for this node. An item's key is read again with the trigger's own `parse`.
 */
export async function passNewCallbacks(
	ctx: IExecuteFunctions,
	parse: GuardSpec['parse'],
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	// test events from the editor are not remembered: the same one may be sent again while building
	if (ctx.getMode() === 'manual') return [items];

	const queueKey = nodeKey(ctx);
	const recorded = memoryOf(`store:${queueKey}`);
	const keys = items.map((item) => {
		const parsed = parse(item.json);
		return typeof parsed === 'string' ? undefined : compact(parsed.dedupeKey);
	});
	const unknown = [
		...new Set(keys.filter((key): key is string => key !== undefined && !recorded.has(key))),
	];
	let isNew: (key: string) => boolean = () => false;
	if (unknown.length > 0) {
		try {
			// this process's newest keys go in again: the store writes its whole list back, so another
			// process writing at the same moment may have dropped them; put back, they fold the next repeat
			const again = recorded.newest(RECORDED_AGAIN);
			const answer = await oneAtATime(
				queueKey,
				async () =>
					await askStoreOnceMoreIfRaced(
						async () =>
							await ctx.helpers.checkProcessedAndRecord([...again, ...unknown], 'node', {
								mode: 'entries',
								maxEntries: REMEMBERED_IN_STORE,
							}),
					),
			);
			const fresh = new Set(answer.new.map(String));
			isNew = (key) => fresh.has(key);
		} catch (error) {
			// a callback is never dropped because the store could not be asked
			ctx.logger.warn(
				`Repeated callbacks could not be checked in n8n's deduplication store: ${(error as Error).message}`,
			);
			return [items];
		}
	}
	const passed: INodeExecutionData[] = [];
	items.forEach((item, index) => {
		const key = keys[index];
		if (key === undefined) passed.push(item);
		else if (!recorded.has(key) && isNew(key)) {
			recorded.add(key);
			passed.push(item);
		}
	});
	return [passed];
}
