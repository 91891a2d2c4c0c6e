import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import { PHONE_NUMBER_HINT, readWhatsappNumber } from '../../../shared/phone';
import type { OyTransport } from '../../transport';

export const sendLink: ItemOperation<OyTransport> = {
	description: showFor('whatsapp', 'sendLink', [
		{
			displayName: 'Partner Transaction ID',
			name: 'partnerTxId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'INV-2026-0001',
			description: 'The partner_tx_id of an existing OY! Payment Link or Invoice transaction',
		},
		{
			displayName: 'WhatsApp Number',
			name: 'whatsappNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: '0812-3456-7890',
			description: `${PHONE_NUMBER_HINT}. It is sent to OY! as 62… digits.`,
		},
	]),

	async execute(this: IExecuteFunctions, itemIndex, transport) {
		const partnerTxId = String(this.getNodeParameter('partnerTxId', itemIndex)).trim();
		if (!partnerTxId) {
			throw new NodeOperationError(this.getNode(), 'The partner transaction ID is empty', {
				itemIndex,
				description: 'Enter the partner_tx_id of an existing Payment Link or Invoice transaction.',
			});
		}
		const whatsappNumber = readWhatsappNumber(this, itemIndex, 'whatsappNumber');
		const data = await transport.post(itemIndex, '/api/whatsapp/send-link', {
			partner_tx_id: partnerTxId,
			whatsapp_number: whatsappNumber,
		});
		// Older answers call the flag success_sent.
		const queued = data.success_queued ?? data.success_sent;
		if (queued !== true) {
			throw new NodeApiError(this.getNode(), data as JsonObject, {
				message: `OY! did not queue the WhatsApp message for ${partnerTxId}`,
				description:
					'OY! accepted the request but did not queue the message (success_queued is false), so nothing will be sent. Check the transaction and the number, then try again.',
				itemIndex,
			});
		}
		return { ...data, success_queued: true };
	},
};
