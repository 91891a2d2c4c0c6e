import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import type { WappinTransport } from '../../transport';
import { readTemplateMessage, templateFields } from './template';

export const sendTemplate: ItemOperation<WappinTransport> = {
	description: showFor('notification', 'sendTemplate', templateFields),

	async execute(this: IExecuteFunctions, itemIndex, transport) {
		return await transport.call(itemIndex, {
			path: '/v1/message/do-send-hsm',
			fields: readTemplateMessage(this, itemIndex),
			notFound:
				'The template was not found or is not active. Check its name and language in the Wappin dashboard (Template menu).',
		});
	},
};
