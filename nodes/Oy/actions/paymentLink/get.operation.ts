import type { IDataObject } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import type { OyTransport } from '../../transport';
import { linkPath, paymentLinkIdField, readLinkId } from './linkId';

export const LOOK_UP_ADVICE = { mayHaveBeenSent: 'Nothing was changed: try again.' };

export const get: ItemOperation<OyTransport> = {
	description: showFor('paymentLink', 'get', [
		paymentLinkIdField(
			'The payment_link_id OY! returned, or your partner transaction ID. Works for Invoices too.',
		),
	]),

	async prepare(this, itemIndex) {
		const id = readLinkId(this, itemIndex, 'paymentLinkId');
		return {
			send: async (transport) => {
				const answer = await transport.request(
					itemIndex,
					{ method: 'GET', path: linkPath(id) },
					LOOK_UP_ADVICE,
				);
				// OY!'s own fields (camelCase here), not its envelope
				return (answer.data ?? answer) as IDataObject;
			},
		};
	},
};
