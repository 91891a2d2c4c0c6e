import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { actionOptionsCollection } from '../shared/actionOptions';
import { readRequestPolicy } from '../shared/http/requestPolicy';
import type { OperationsByResource } from '../shared/operation';
import { executeOperation, operationFields } from '../shared/operation';
import { getStatus } from './actions/message/getStatus.operation';
import { sendMedia } from './actions/message/sendMedia.operation';
import { sendText } from './actions/message/sendText.operation';
import { sendTemplate } from './actions/notification/sendTemplate.operation';
import { sendTemplateWithMedia } from './actions/notification/sendTemplateWithMedia.operation';
import { WappinTransport } from './transport';

const operations: OperationsByResource<WappinTransport> = {
	notification: { sendTemplate, sendTemplateWithMedia },
	message: { sendText, sendMedia, getStatus },
};

export class Wappin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wappin',
		name: 'wappin',
		icon: { light: 'file:wappin.svg', dark: 'file:wappin.dark.svg' },
		group: ['output'],
		version: 1,
		// the chosen operation's name ("Send Template"), not its value
		subtitle:
			'={{ {"sendTemplate": "Send Template", "sendTemplateWithMedia": "Send Template with Media", "sendText": "Send Text", "sendMedia": "Send Media", "getStatus": "Get Status"}[$parameter["operation"]] }}',
		description:
			'Send WhatsApp templates, texts and media through Wappin, and look up message status',
		defaults: { name: 'Wappin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wappinApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Message', value: 'message', description: 'Chatbot messages and message status' },
					{
						name: 'Notification',
						value: 'notification',
						description: 'Approved template (HSM) messages',
					},
				],
				default: 'notification',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['notification'] } },
				options: [
					{
						name: 'Send Template',
						value: 'sendTemplate',
						action: 'Send a template message',
						description: 'Send an approved WhatsApp template with its parameters',
					},
					{
						name: 'Send Template with Media',
						value: 'sendTemplateWithMedia',
						action: 'Send a template message with media',
						description: 'Send an approved WhatsApp template whose header is an image or document',
					},
				],
				default: 'sendTemplate',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['message'] } },
				options: [
					{
						name: 'Get Status',
						value: 'getStatus',
						action: 'Get the status of a message',
						description: 'Get the status history of a sent message',
					},
					{
						name: 'Send Media',
						value: 'sendMedia',
						action: 'Send a media message',
						description: 'Send an image, document or audio file in a chatbot conversation',
					},
					{
						name: 'Send Text',
						value: 'sendText',
						action: 'Send a text message',
						description: 'Send a text in a chatbot conversation',
					},
				],
				default: 'sendText',
			},
			...operationFields(operations),
			actionOptionsCollection,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation(
			this,
			operations,
			new WappinTransport(this, readRequestPolicy(this)),
		);
	}
}
