import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The error for an item without the binary property a node should read, saying what it has. */
export function missingBinaryError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
): NodeOperationError {
	const available = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
	return new NodeOperationError(
		ctx.getNode(),
		`No binary data in property "${binaryPropertyName}"`,
		{
			itemIndex,
			description: available.length
				? `This item has binary data in: ${available.join(', ')}. Set the binary field name to one of them.`
				: 'This item has no binary data. Add a node before this one that reads or downloads the file (for example Read/Write Files from Disk or HTTP Request).',
		},
	);
}
