import { NodeConnectionTypes, SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookDescription,
} from 'n8n-workflow';

import { actionOptionsCollection } from '../shared/actionOptions';
import { readRequestPolicy } from '../shared/http/requestPolicy';
import type { OperationsByResource } from '../shared/operation';
import { executeOperation, operationFields } from '../shared/operation';
import { sendAndWaitWebhook } from '../shared/sendAndWait/answer';
import { sendAndWaitProperties, sendAndWaitWebhooks } from '../shared/sendAndWait/properties';
import { sendAndWait } from '../shared/sendAndWait/wait';
import { getStatus } from './actions/message/getStatus.operation';
import { sendAndWaitMessage } from './actions/message/sendAndWait.operation';
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
			'={{ {"sendTemplate": "Send Template", "sendTemplateWithMedia": "Send Template with Media", "sendText": "Send Text", "sendMedia": "Send Media", "getStatus": "Get Status", "sendAndWait": "Send and Wait for Response"}[$parameter["operation"]] }}',
		description:
			"Send WhatsApp templates, texts and media through Wappin, wait for a person's answer, and look up message status",
		defaults: { name: 'Wappin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wappinApi', required: true }],
		// n8n calls these when the person opens or submits a Send and Wait answer link
		webhooks: sendAndWaitWebhooks as IWebhookDescription[],
		waitingNodeTooltip:
			'={{ $parameter["operation"] === "sendAndWait" ? "Execution will continue after the person answers" : "" }}',
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
					{
						name: 'Send and Wait for Response',
						value: SEND_AND_WAIT_OPERATION,
						action: 'Send message and wait for response',
						description:
							'Send a message with an answer link and wait until the person approves, declines or answers',
					},
				],
				default: 'sendText',
			},
			...operationFields(operations),
			...sendAndWaitProperties('message', sendAndWaitMessage.description),
			{
				...actionOptionsCollection(),
				displayOptions: { hide: { operation: [SEND_AND_WAIT_OPERATION] } },
			},
		],
	};

	webhook = sendAndWaitWebhook;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const transport = new WappinTransport(this, readRequestPolicy(this));
		if (this.getNodeParameter('operation', 0) === SEND_AND_WAIT_OPERATION) {
			return await sendAndWait(this, (link) => sendAndWaitMessage.send(this, transport, link));
		}
		return await executeOperation(this, operations, transport);
	}
}
