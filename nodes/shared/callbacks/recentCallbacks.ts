import type { IWebhookFunctions } from 'n8n-workflow';

/** Callbacks seen recently by each trigger node, so a repeat does not start a second execution. */

const REMEMBERED_CALLBACKS = 10_000;
const REMEMBER_FOR_MS = 24 * 3600 * 1000;

/** Keys seen recently, oldest first; bounded in count and age. */
class RecentKeys {
	private readonly seen = new Map<string, number>();

	checkAndAdd(key: string): boolean {
		const now = Date.now();
		const at = this.seen.get(key);
		if (at !== undefined && now - at < REMEMBER_FOR_MS) return true;
		this.seen.delete(key);
		this.seen.set(key, now);
		while (this.seen.size > REMEMBERED_CALLBACKS) {
			this.seen.delete(this.seen.keys().next().value as string);
		}
		return false;
	}
}

// One memory per trigger node; a bounded number of nodes, oldest forgotten first.
const memories = new Map<string, RecentKeys>();
const REMEMBERED_NODES = 500;

export function recentCallbacks(ctx: IWebhookFunctions): RecentKeys {
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
