import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import type { MediaKind } from '../../media';
import { mediaIdentity, readMedia } from '../../media';
import type { WappinTransport } from '../../transport';
import { binaryPropertyField, readRecipient, recipientNumberField } from '../fields';

export const sendMedia: ItemOperation<WappinTransport> = {
	description: showFor('message', 'sendMedia', [
		recipientNumberField,
		{
			displayName: 'Media Type',
			name: 'mediaType',
			type: 'options',
			options: [
				{ name: 'Image', value: 'image', description: 'JPG or PNG' },
				{ name: 'Document', value: 'document', description: 'PDF, DOC(X), PPT(X) or XLS(X)' },
				{ name: 'Audio', value: 'audio', description: 'AAC, M4A, MP3, OGG or OPUS' },
			],
			default: 'image',
		},
		binaryPropertyField,
		{
			displayName: 'Caption',
			name: 'caption',
			type: 'string',
			default: '',
			description: 'Text shown under the image or document',
			displayOptions: { show: { mediaType: ['image', 'document'] } },
		},
	]),

	async prepare(this: IExecuteFunctions, itemIndex) {
		const mediaType = this.getNodeParameter('mediaType', itemIndex) as MediaKind;
		const recipient = readRecipient(this, itemIndex);
		const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex));
		const media = await readMedia(this, itemIndex, binaryPropertyName, [mediaType]);
		const fields: IDataObject = { recipient_number: recipient, media_type: mediaType };
		// Wappin shows captions on images and documents only.
		const caption =
			mediaType === 'audio' ? '' : String(this.getNodeParameter('caption', itemIndex, ''));
		if (caption) fields.caption = caption;
		return {
			sameMessage: { ...fields, media: mediaIdentity(media) },
			send: async (transport) =>
				await transport.call(itemIndex, { path: '/v1/message/do-send-media', fields, media }),
		};
	},
};
