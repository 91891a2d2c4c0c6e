import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PreparedItem } from './itemRunner';
import { readBulkOptions, runForEachItem } from './itemRunner';

/** One item read into what to send, not sent yet. */
export interface PreparedSend<Transport> {
	/** what makes two sends the same message (recipient and content); absent for look-ups */
	sameMessage?: unknown;
	send(transport: Transport): Promise<IDataObject>;
}

/**
 * One operation of an action node: its fields (with their displayOptions) and how one input
 * item becomes one request. The item runner owns the loop, concurrency, pairing, Send Once and
 * "continue on fail"; the transport owns URLs, auth and error mapping.
 */
export interface ItemOperation<Transport> {
	description: INodeProperties[];
	/** reads and checks one item's parameters; sends nothing */
	prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedSend<Transport>>;
}

export type OperationsByResource<Transport> = Record<
	string,
	Record<string, ItemOperation<Transport>>
>;

/** Adds `show: { resource, operation }` to every field of an operation. */
export function showFor(
	resource: string,
	operation: string,
	fields: INodeProperties[],
): INodeProperties[] {
	return fields.map((field) => ({
		...field,
		displayOptions: {
			...field.displayOptions,
			show: { resource: [resource], operation: [operation], ...field.displayOptions?.show },
		},
	}));
}

export function operationFields<Transport>(
	operations: OperationsByResource<Transport>,
): INodeProperties[] {
	return Object.values(operations).flatMap((byName) =>
		Object.values(byName).flatMap((op) => op.description),
	);
}

/** A node's execute(): finds the chosen operation and runs it for every item. */
export async function executeOperation<Transport>(
	ctx: IExecuteFunctions,
	operations: OperationsByResource<Transport>,
	transport: Transport,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operationName = ctx.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The operation "${operationName}" of "${resource}" is not known`,
		);
	}
	const prepare = async (itemIndex: number): Promise<PreparedItem> => {
		const prepared = await operation.prepare.call(ctx, itemIndex);
		return { sameMessage: prepared.sameMessage, send: () => prepared.send(transport) };
	};
	return await runForEachItem(ctx, prepare, readBulkOptions(ctx));
}
