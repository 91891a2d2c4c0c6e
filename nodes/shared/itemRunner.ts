import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

/** How a node spreads its items over time: read from its `options` collection. */
export interface BulkOptions {
	/** requests in flight at once */
	concurrency: number;
	/** at most this many requests start per second; 0 = no limit */
	requestsPerSecond: number;
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
	{
		displayName: 'Max Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Slow down to at most this many requests per second, for provider rate limits. 0 means no limit.',
	},
];

export function readBulkOptions(ctx: IExecuteFunctions): BulkOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = Math.floor(Number(options.concurrency ?? DEFAULT_CONCURRENCY));
	const requestsPerSecond = Number(options.requestsPerSecond ?? 0);
	return {
		concurrency: Number.isFinite(concurrency) && concurrency >= 1 ? concurrency : DEFAULT_CONCURRENCY,
		requestsPerSecond: Number.isFinite(requestsPerSecond) && requestsPerSecond > 0 ? requestsPerSecond : 0,
	};
}

/** Spaces request starts evenly: the n-th start waits until n / rate seconds have passed. */
class Throttle {
	private nextStart = 0;

	constructor(private readonly requestsPerSecond: number) {}

	async wait(): Promise<void> {
		if (this.requestsPerSecond <= 0) return;
		const now = Date.now();
		const start = Math.max(now, this.nextStart);
		this.nextStart = start + 1000 / this.requestsPerSecond;
		if (start > now) await sleep(start - now);
	}
}

export type ItemHandler = (itemIndex: number) => Promise<IDataObject>;

/**
 * Runs one handler per input item, several at a time, and returns the outputs in input order,
 * each paired with its input item. With "continue on fail" a failed item becomes an item that
 * carries the error; otherwise no new item starts after a failure, the items already in flight
 * finish, and the first failure (by item order) stops the node.
 */
export async function runForEachItem(
	ctx: IExecuteFunctions,
	handler: ItemHandler,
	options: BulkOptions,
): Promise<INodeExecutionData[][]> {
	const itemCount = ctx.getInputData().length;
	const outputs: INodeExecutionData[] = new Array<INodeExecutionData>(itemCount);
	const failures: Array<{ itemIndex: number; error: Error }> = [];
	const throttle = new Throttle(options.requestsPerSecond);
	const continueOnFail = ctx.continueOnFail();
	let nextItem = 0;

	const worker = async () => {
		while (nextItem < itemCount && failures.length === 0) {
			const itemIndex = nextItem++;
			try {
				await throttle.wait();
				const json = await handler(itemIndex);
				outputs[itemIndex] = { json, pairedItem: { item: itemIndex } };
			} catch (caught) {
				const error = asNodeError(ctx, caught, itemIndex);
				if (continueOnFail) {
					outputs[itemIndex] = { json: errorJson(error), pairedItem: { item: itemIndex } };
				} else {
					failures.push({ itemIndex, error });
				}
			}
		}
	};

	const workerCount = Math.max(1, Math.min(options.concurrency, itemCount));
	await Promise.all(Array.from({ length: workerCount }, worker));

	if (failures.length > 0) {
		failures.sort((a, b) => a.itemIndex - b.itemIndex);
		throw failures[0].error;
	}
	return [outputs];
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
