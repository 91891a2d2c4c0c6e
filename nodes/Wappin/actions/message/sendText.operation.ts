import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import type { WappinTransport } from '../../transport';
import { readRecipient, recipientNumberField } from '../fields';
import { itemParameter } from '../../../shared/itemParameter';

export const sendText: ItemOperation<WappinTransport> = {
	description: showFor('message', 'sendText', [
		{
			...recipientNumberField,
			hint: 'Chatbot messages can only be sent to someone who wrote to your WhatsApp number in the last 24 hours',
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			description: 'The message to send',
		},
	]),

	async prepare(this: IExecuteFunctions, itemIndex) {
		const text = String(itemParameter(this, 'text', itemIndex));
		if (text.trim() === '') {
			throw new NodeOperationError(this.getNode(), 'The text to send is empty', { itemIndex });
		}
		const fields = { recipient_number: readRecipient(this, itemIndex), message_content: text };
		return {
			sameMessage: fields,
			send: async (transport) =>
				await transport.call(itemIndex, { path: '/v1/message/do-send', fields }),
		};
	},
};
