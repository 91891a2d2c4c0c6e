import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import { markSentNothing } from '../../../shared/http/sendToProvider';
import { PHONE_NUMBER_HINT, readWhatsappNumber } from '../../../shared/phone';
import type { OyTransport } from '../../transport';
import { itemParameter } from '../../../shared/itemParameter';

export const sendLink: ItemOperation<OyTransport> = {
	description: showFor('whatsapp', 'sendLink', [
		{
			displayName: 'Partner Transaction ID',
			name: 'partnerTxId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. INV-2026-0001',
			description: 'The partner_tx_id of an existing OY! Payment Link or Invoice transaction',
		},
		{
			displayName: 'WhatsApp Number',
			name: 'whatsappNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 0812-3456-7890',
			description: `${PHONE_NUMBER_HINT}. It is sent to OY! as 62… digits.`,
		},
	]),

	async prepare(this: IExecuteFunctions, itemIndex) {
		const partnerTxId = String(itemParameter(this, 'partnerTxId', itemIndex)).trim();
		if (!partnerTxId) {
			throw new NodeOperationError(this.getNode(), 'The partner transaction ID is empty', {
				itemIndex,
				description: 'Enter the partner_tx_id of an existing Payment Link or Invoice transaction.',
			});
		}
		const body = {
			partner_tx_id: partnerTxId,
			whatsapp_number: readWhatsappNumber(this, itemIndex, 'whatsappNumber'),
		};
		return {
			sameMessage: body,
			send: async (transport) => {
				const data = await transport.post(itemIndex, '/api/whatsapp/send-link', body);
				// Older answers call the flag success_sent.
				if ((data.success_queued ?? data.success_sent) !== true) {
					const error = new NodeApiError(this.getNode(), data as JsonObject, {
						message: `OY! did not queue the WhatsApp message for ${partnerTxId}`,
						description:
							'OY! accepted the request but did not queue the message (success_queued is false), so nothing will be sent. Check the transaction and the number, then try again.',
						itemIndex,
					});
					throw markSentNothing(error);
				}
				return { ...data, success_queued: true };
			},
		};
	},
};
