import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import type { WappinTransport } from '../../transport';
import { TEMPLATE_NOT_FOUND, readTemplateMessage, templateFields } from './template';

export const sendTemplate: ItemOperation<WappinTransport> = {
	description: showFor('notification', 'sendTemplate', templateFields),

	async prepare(this: IExecuteFunctions, itemIndex) {
		const fields = readTemplateMessage(this, itemIndex);
		return {
			sameMessage: fields,
			send: async (transport) =>
				await transport.call(itemIndex, {
					path: '/v1/message/do-send-hsm',
					fields,
					notFound: TEMPLATE_NOT_FOUND,
				}),
		};
	},
};
