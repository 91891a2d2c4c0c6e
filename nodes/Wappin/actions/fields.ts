import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { PHONE_NUMBER_HINT, readWhatsappNumber } from '../../shared/phone';
import { rowValues } from '../../shared/itemParameter';

export const recipientNumberField: INodeProperties = {
	displayName: 'Recipient Number',
	name: 'recipientNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 0812-3456-7890',
	description: `${PHONE_NUMBER_HINT}. It is sent to Wappin as 62… digits.`,
};

export const binaryPropertyField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field that holds the file',
};

export function readRecipient(ctx: IExecuteFunctions, itemIndex: number): string {
	return readWhatsappNumber(ctx, itemIndex, 'recipientNumber');
}

/** A fixedCollection of `{ value }` rows as Wappin's numbered object: {"1": …, "2": …}. */
export function numbered(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	row: string,
): IDataObject {
	return Object.fromEntries(
		rowValues(ctx, parameter, row, itemIndex).map((value, index) => [
			String(index + 1),
			valueToString(value),
		]),
	);
}

function valueToString(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
