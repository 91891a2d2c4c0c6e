import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { guardCallback } from '../shared/callbacks/guard';
import { passNewCallbacks } from '../shared/callbacks/recentCallbacks';
import {
	callbackGuardFields,
	callbackSecretTest,
	callbackWebhook,
	lowerText,
	pastedUrlWebhookMethods,
	statusFilterField,
} from '../shared/callbacks/triggerDescription';

const WAPPIN_STATUSES = ['sent', 'delivered', 'read', 'failed'];

// Wappin retries any other answer three more times.
const WAPPIN_ACKNOWLEDGEMENT = { status: '000' };

export class WappinTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wappin Trigger',
		name: 'wappinTrigger',
		icon: { light: 'file:wappin.svg', dark: 'file:wappin.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves the same; n8n evaluates an extra expression on every callback to a version 1
		// webhook node (its legacy binary-data check), which halves the callbacks it can take per second.
		// 2 reads the callback secret from a credential instead of options.secret
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			'Starts the workflow when Wappin reports a message status or an incoming WhatsApp message',
		defaults: { name: 'Wappin Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'wappinCallbackApi',
				required: true,
				testedBy: 'callbackSecretTest',
				// `authentication` exists from version 2 on
				displayOptions: { show: { authentication: ['callbackSecret'] } },
			},
		],
		webhooks: [callbackWebhook],
		properties: [
			{
				displayName:
					'Paste this node\'s Production URL (above) as the Callback URL in the Wappin dashboard: Integration → Notification for message statuses, Integration → Chatbot for incoming messages. Add "?secret=" and your callback secret to it.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Message Status',
						value: 'status',
						description: 'Sent, delivered, read or failed',
					},
					{
						name: 'Incoming Message',
						value: 'message',
						description: 'A WhatsApp user wrote to your number',
					},
				],
				default: ['status', 'message'],
				description: 'Which callbacks start the workflow; others are acknowledged and dropped',
			},
			{
				...statusFilterField(
					WAPPIN_STATUSES,
					'Only these statuses start the workflow; others are acknowledged and dropped. Leave empty for all.',
				),
				displayOptions: { show: { events: ['status'] } },
			},
			...callbackGuardFields('Wappin Callback API'),
		],
	};

	methods = { credentialTest: { callbackSecretTest } };

	webhookMethods = pastedUrlWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const events = this.getNodeParameter('events', []) as string[];
		const statuses = this.getNodeParameter('statuses', []) as string[];
		return await guardCallback(this, {
			credentialType: 'wappinCallbackApi',
			acknowledgement: WAPPIN_ACKNOWLEDGEMENT,
			parse: parseWappinCallback,
			wanted: (item) =>
				(events.length === 0 || events.includes(item.event as string)) &&
				(item.event !== 'status' ||
					statuses.length === 0 ||
					statuses.includes(item.status as string)),
		});
	}

	/** First step of every execution: a repeat that another n8n process took ends here. */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await passNewCallbacks(this, parseWappinCallback);
	}
}

/** Reads the documented and the real spellings of Wappin's callback fields. */
function parseWappinCallback(body: IDataObject) {
	const messageId =
		lowerText(body.message_id) === undefined ? undefined : String(body.message_id).trim();
	if (!messageId) return 'Not a Wappin callback: message_id is missing';
	const statusText = lowerText(body.status_messages ?? body.status_message);
	const declaredType = lowerText(body.callback_type);
	let event: string;
	if (declaredType === 'status' || declaredType === 'message') event = declaredType;
	else if (declaredType === undefined)
		event = statusText && statusText !== '-' ? 'status' : 'message';
	else
		return `Not a Wappin callback: callback_type "${String(body.callback_type)}" is neither status nor message`;
	if (event === 'status' && (!statusText || statusText === '-'))
		return 'Not a Wappin status callback: the status is missing';

	const item: IDataObject = {
		...body,
		project_id: body.project_id ?? body['project id'],
		environment: body.environment ?? body.environtment,
		event,
		status: event === 'status' ? statusText : 'received',
		received_at: new Date().toISOString(),
	};
	const dedupeKey =
		event === 'status' ? `wappin:status:${messageId}:${statusText}` : `wappin:message:${messageId}`;
	return { item, dedupeKey };
}
