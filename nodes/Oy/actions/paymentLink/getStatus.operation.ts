import type { IDataObject } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import type { OyTransport } from '../../transport';
import { LOOK_UP_ADVICE } from './get.operation';
import { readLinkId } from './linkId';

export const getStatus: ItemOperation<OyTransport> = {
	description: showFor('paymentLink', 'getStatus', [
		{
			displayName: 'Partner Transaction ID',
			name: 'partnerTxId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. {{ $json.partner_tx_id }}',
			description: 'The partner transaction ID of the Payment Link or Invoice',
		},
	]),

	async prepare(this, itemIndex) {
		const partnerTxId = readLinkId(this, itemIndex, 'partnerTxId');
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const resend = options.resendCallback === true;
		return {
			send: async (transport) =>
				await transport.request(
					itemIndex,
					{
						method: 'GET',
						path: '/api/payment-checkout/status',
						query: { partner_tx_id: partnerTxId, send_callback: String(resend) },
					},
					LOOK_UP_ADVICE,
				),
		};
	},
};
