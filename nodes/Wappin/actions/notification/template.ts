import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { numbered, readRecipient, recipientNumberField } from '../fields';
import { itemParameter } from '../../../shared/itemParameter';

/** The fields both template operations share, in the order the form shows them. */
export const templateFields: INodeProperties[] = [
	recipientNumberField,
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. payment_reminder_1',
		description:
			'The name of a template approved in the Wappin dashboard (Template menu): lowercase letters, digits and underscores',
	},
	{
		displayName: 'Language Code',
		name: 'languageCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. en',
		description:
			"The template's language, e.g. ID or en. Leave empty to use the template's first language.",
	},
	{
		displayName: 'Body Parameters',
		name: 'bodyParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add parameter',
		description: 'Values for the template variables {{1}}, {{2}}, … in this order',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
			},
		],
	},
	{
		displayName: 'Header Parameter',
		name: 'headerParameter',
		type: 'string',
		default: '',
		description:
			'The value of the variable in a text header. Leave empty when the template has no header variable.',
	},
	{
		displayName: 'Button URL Suffix',
		name: 'buttonUrl',
		type: 'string',
		default: '',
		description:
			"The variable part of the template's URL button. Leave empty when the template has no URL button.",
	},
	{
		displayName: 'Quick Reply Payloads',
		name: 'buttonReplyPayloads',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add payload',
		description: "Payloads for the template's quick-reply buttons, in button order",
		options: [
			{
				displayName: 'Payload',
				name: 'payload',
				values: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
			},
		],
	},
];

const TEMPLATE_NAME = /^[a-z0-9_]+$/;

export const TEMPLATE_NOT_FOUND =
	'The template was not found or is not active. Check its name and language in the Wappin dashboard (Template menu).';

/** The documented body of a template send, with only the parts the user filled in. */
export function readTemplateMessage(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const templateName = String(itemParameter(ctx, 'templateName', itemIndex)).trim();
	if (!TEMPLATE_NAME.test(templateName)) {
		throw new NodeOperationError(ctx.getNode(), `"${templateName}" is not a Wappin template name`, {
			itemIndex,
			description:
				'Template names consist of lowercase letters, digits and underscores, e.g. payment_reminder_1.',
		});
	}
	const message: IDataObject = {
		type: templateName,
		recipient_number: readRecipient(ctx, itemIndex),
	};
	const languageCode = String(ctx.getNodeParameter('languageCode', itemIndex, '')).trim();
	if (languageCode) message.language_code = languageCode;
	const params = numbered(ctx, itemIndex, 'bodyParameters', 'parameter');
	if (Object.keys(params).length) message.params = params;
	const headerParameter = String(itemParameter(ctx, 'headerParameter', itemIndex, ''));
	if (headerParameter) message.header = { param: headerParameter };
	const button: IDataObject = {};
	const buttonUrl = String(itemParameter(ctx, 'buttonUrl', itemIndex, ''));
	if (buttonUrl) button.url = buttonUrl;
	const replyPayloads = numbered(ctx, itemIndex, 'buttonReplyPayloads', 'payload');
	if (Object.keys(replyPayloads).length) button.reply_payload = replyPayloads;
	if (Object.keys(button).length) message.button = button;
	return message;
}
