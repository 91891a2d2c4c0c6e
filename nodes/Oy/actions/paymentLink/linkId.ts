import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemParameter } from '../../../shared/itemParameter';
import { fieldError } from './fields';

/** A payment link ID or partner transaction ID, checked so it cannot change the request's path. */
export function readLinkId(ctx: IExecuteFunctions, itemIndex: number, name: string): string {
	const id = String(itemParameter(ctx, name, itemIndex, '')).trim();
	if (!id)
		fieldError(
			ctx,
			itemIndex,
			'The ID is empty',
			'Enter a payment_link_id or a partner transaction ID.',
		);
	if (!/^[A-Za-z0-9_-]+$/.test(id))
		fieldError(
			ctx,
			itemIndex,
			`"${id}" is not a payment link ID or partner transaction ID`,
			'OY!’s IDs hold letters, digits and dashes only.',
		);
	return id;
}

/** The field Get and Delete read a link by. */
export function paymentLinkIdField(description: string): INodeProperties {
	return {
		displayName: 'Payment Link ID',
		name: 'paymentLinkId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.payment_link_id }}',
		description,
	};
}

/** Where OY! keeps one Payment Link or Invoice, by payment link ID or partner transaction ID. */
export const linkPath = (id: string) => `/api/payment-checkout/${encodeURIComponent(id)}`;
