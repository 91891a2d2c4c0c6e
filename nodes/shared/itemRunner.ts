import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ItemOutcome } from './sendOnce';
import { planSendOnce, readSendOnce } from './sendOnce';

/** How a node works through its items: read from its `options` collection. */
export interface BulkOptions {
	/** items (and so requests) in flight at once */
	concurrency: number;
	/** skip items whose key this node already sent (see sendOnce.ts) */
	sendOnce: boolean;
}

export const DEFAULT_CONCURRENCY = 5;

/** The bulk-sending fields every action node offers in its `options` collection. */
export const bulkOptionFields: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: DEFAULT_CONCURRENCY,
		description:
			'How many items are sent at the same time. Output order always matches the input. Use 1 to send strictly one after another.',
	},
];

export function readBulkOptions(ctx: IExecuteFunctions): BulkOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = Math.floor(Number(options.concurrency ?? DEFAULT_CONCURRENCY));
	return {
		concurrency:
			Number.isFinite(concurrency) && concurrency >= 1 ? concurrency : DEFAULT_CONCURRENCY,
		sendOnce: readSendOnce(options),
	};
}

/** One item read and checked, ready to send. */
export interface PreparedItem {
	/** what makes two sends the same message; absent for look-ups */
	sameMessage?: unknown;
	send(): Promise<IDataObject>;
}

/**
 * Runs every input item, several at a time, and returns the outputs in input order, each paired
 * with its input item. With "continue on fail" a failed item becomes an item that carries the
 * error; otherwise no new item starts after a failure, the items already in flight finish, and
 * the first failure (by item order) stops the node, naming the items that were sent.
 */
export async function runForEachItem(
	ctx: IExecuteFunctions,
	prepare: (itemIndex: number) => Promise<PreparedItem>,
	options: BulkOptions,
): Promise<INodeExecutionData[][]> {
	const itemCount = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const outcomes = new Array<ItemOutcome | undefined>(itemCount);
	const fail = (itemIndex: number, caught: unknown): ItemOutcome => ({
		error: asNodeError(ctx, caught, itemIndex),
	});
	// With Send Once every item is read first: the keys of the whole run are checked at once.
	const plan = options.sendOnce
		? await planSendOnce(ctx, itemCount, prepare, fail, continueOnFail)
		: undefined;

	let nextItem = 0;
	let stopped = false;
	const worker = async () => {
		while (nextItem < itemCount && !stopped) {
			const itemIndex = nextItem++;
			const planned = plan?.items[itemIndex];
			let outcome: ItemOutcome;
			if (planned && 'outcome' in planned) {
				outcome = planned.outcome;
			} else {
				try {
					const item = planned?.prepared ?? (await prepare(itemIndex));
					outcome = { json: await item.send() };
				} catch (caught) {
					outcome = fail(itemIndex, caught);
				}
			}
			outcomes[itemIndex] = outcome;
			if ('error' in outcome && !continueOnFail) stopped = true;
		}
	};
	const workerCount = Math.max(1, Math.min(options.concurrency, itemCount));
	try {
		await Promise.all(Array.from({ length: workerCount }, worker));
	} finally {
		await plan?.release(outcomes);
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const outcome = outcomes[itemIndex]!;
		if ('error' in outcome) {
			if (!continueOnFail) throw withItemsAlreadySent(outcome.error, outcomes);
			output.push({ json: errorJson(outcome.error), pairedItem: { item: itemIndex } });
		} else {
			output.push({ json: outcome.json, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

/** So the person knows what a re-run (without Send Once) would send again. */
function withItemsAlreadySent(error: Error, outcomes: Array<ItemOutcome | undefined>): Error {
	const sent: string[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		if (!outcome || 'error' in outcome || outcome.json.skipped === true) return;
		const id = outcome.json.message_id;
		sent.push(typeof id === 'string' && id ? `${itemIndex} (${id})` : String(itemIndex));
	});
	if (sent.length === 0) return error;
	const listed =
		sent.length > 20
			? `${sent.slice(0, 20).join(', ')} and ${sent.length - 20} more`
			: sent.join(', ');
	const note = `Items already sent before the node stopped, by index (message ID): ${listed}. Running the same items again sends them again unless Send Once is on.`;
	const nodeError = error as NodeApiError;
	nodeError.description = nodeError.description ? `${nodeError.description} ${note}` : note;
	return error;
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context = { ...(error.context ?? {}), itemIndex };
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	const { description, httpCode } = error as NodeApiError;
	if (description) json.description = description;
	if (httpCode) json.code = httpCode;
	return json;
}
