import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import { mediaIdentity, readMedia } from '../../media';
import type { WappinTransport } from '../../transport';
import { binaryPropertyField } from '../fields';
import { TEMPLATE_NOT_FOUND, readTemplateMessage, templateFields } from './template';

export const sendTemplateWithMedia: ItemOperation<WappinTransport> = {
	description: showFor('notification', 'sendTemplateWithMedia', [
		...templateFields,
		{
			...binaryPropertyField,
			hint: 'The input binary field with the header image or document (JPG, PNG, PDF, DOCX, …)',
		},
	]),

	async prepare(this: IExecuteFunctions, itemIndex) {
		const fields = readTemplateMessage(this, itemIndex);
		const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex));
		const media = await readMedia(this, itemIndex, binaryPropertyName, ['image', 'document']);
		return {
			sameMessage: { ...fields, media: mediaIdentity(media) },
			send: async (transport) =>
				await transport.call(itemIndex, {
					path: '/v1/message/do-send-hsm-with-media',
					fields,
					media,
					notFound: TEMPLATE_NOT_FOUND,
				}),
		};
	},
};
