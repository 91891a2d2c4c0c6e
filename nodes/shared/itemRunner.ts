import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** How many items a node works on at once: read from its `options` collection. */
export interface BulkOptions {
	/** items (and so requests) in flight at once */
	concurrency: number;
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
	};
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
	const continueOnFail = ctx.continueOnFail();
	let nextItem = 0;

	const worker = async () => {
		while (nextItem < itemCount && failures.length === 0) {
			const itemIndex = nextItem++;
			try {
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
