import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AnswerLink } from '../../../shared/sendAndWait/wait';
import type { WappinTransport } from '../../transport';
import { readRecipient, recipientNumberField } from '../fields';
import { TEMPLATE_NOT_FOUND, readTemplateMessage, templateFields } from '../notification/template';

const forTemplate = { show: { messageType: ['template'] } };
const templateField = (name: string) => templateFields.find((field) => field.name === name)!;

/** How the Wappin message that carries the answer link is sent; the waiting is shared. */
export const sendAndWaitMessage = {
	/** the fields before the shared send-and-wait ones (message, response type, options) */
	description: [
		{
			...recipientNumberField,
			description: `${recipientNumberField.description} This person receives the link to answer.`,
		},
		{
			displayName: 'Send As',
			name: 'messageType',
			type: 'options',
			default: 'text',
			options: [
				{
					name: 'Text',
					value: 'text',
					description:
						'The message and the link as a chatbot text: delivered only if the person wrote to your WhatsApp number in the last 24 hours',
				},
				{
					name: 'Template',
					value: 'template',
					description: 'An approved template with the link in a variable: delivered at any time',
				},
			],
			hint: "WhatsApp delivers free text only within 24 hours of the person's last message to you. To reach someone who has not written to you, use an approved template.",
		},
		{ ...templateField('templateName'), displayOptions: forTemplate },
		{ ...templateField('languageCode'), displayOptions: forTemplate },
		{
			...templateField('bodyParameters'),
			description:
				'Values for the template variables {{1}}, {{2}}, … in this order (without the link when it goes into a body variable)',
			displayOptions: forTemplate,
		},
		{
			displayName: 'Link Goes In',
			name: 'linkPlacement',
			type: 'options',
			default: 'bodyParameter',
			displayOptions: forTemplate,
			options: [
				{
					name: 'Last Body Variable',
					value: 'bodyParameter',
					description: 'The whole link fills the variable after the body parameters above',
				},
				{
					name: 'URL Button',
					value: 'buttonUrl',
					description:
						"The link's end fills the variable of the template's URL button, whose URL must be your n8n address followed by /webhook-waiting/{{1}}",
				},
			],
		},
		{ ...templateField('headerParameter'), displayOptions: forTemplate },
		{
			...templateField('buttonUrl'),
			displayOptions: { show: { messageType: ['template'], linkPlacement: ['bodyParameter'] } },
		},
		{ ...templateField('buttonReplyPayloads'), displayOptions: forTemplate },
	] as INodeProperties[],

	/** Sends the message with the link; Wappin's refusals fail as every send does. */
	async send(
		ctx: IExecuteFunctions,
		transport: WappinTransport,
		link: AnswerLink,
	): Promise<IDataObject> {
		if (ctx.getNodeParameter('messageType', 0, 'text') === 'template') {
			const fields = readTemplateMessage(ctx, 0);
			if (ctx.getNodeParameter('linkPlacement', 0, 'bodyParameter') === 'buttonUrl') {
				fields.button = { ...(fields.button as IDataObject), url: link.suffix };
			} else {
				const params = (fields.params ?? {}) as IDataObject;
				fields.params = { ...params, [String(Object.keys(params).length + 1)]: link.url };
			}
			return await transport.call(0, {
				path: '/v1/message/do-send-hsm',
				fields,
				notFound: TEMPLATE_NOT_FOUND,
			});
		}
		const message = String(ctx.getNodeParameter('message', 0, '')).trim();
		if (!message) {
			throw new NodeOperationError(ctx.getNode(), 'The message is empty', { itemIndex: 0 });
		}
		return await transport.call(0, {
			path: '/v1/message/do-send',
			fields: {
				recipient_number: readRecipient(ctx, 0),
				message_content: `${message}\n\n${link.label}: ${link.url}`,
			},
		});
	},
};
