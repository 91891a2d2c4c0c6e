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

const OY_STATUSES = ['sent', 'delivered', 'read', 'undelivered', 'failed'];

export class OyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OY! Indonesia Trigger',
		name: 'oyTrigger',
		icon: { light: 'file:oy.svg', dark: 'file:oy.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves the same; n8n evaluates an extra expression on every callback to a version 1
		// webhook node (its legacy binary-data check), which halves the callbacks it can take per second.
		// 2 reads the callback secret from a credential instead of options.secret
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: '={{ ($parameter["statuses"] || []).join(", ") || "All statuses" }}',
		description: 'Starts the workflow when OY! reports the status of a WhatsApp link message',
		defaults: { name: 'OY! Indonesia Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'oyCallbackApi',
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
					'OY! has no API for callback URLs: give this node\'s Production URL (above) to your OY! business representative as the WhatsApp callback URL, with "?secret=" and your callback secret added. Staging and production have separate callback URLs.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			statusFilterField(
				OY_STATUSES,
				'Only these statuses start the workflow; others are acknowledged and dropped. Leave empty for all.',
			),
			...callbackGuardFields('OY! Indonesia Callback API'),
		],
	};

	methods = { credentialTest: { callbackSecretTest } };

	webhookMethods = pastedUrlWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const statuses = this.getNodeParameter('statuses', []) as string[];
		return await guardCallback(this, {
			credentialType: 'oyCallbackApi',
			acknowledgement: { status: true, message: 'Callback received' },
			parse: parseOyCallback,
			wanted: (item) => statuses.length === 0 || statuses.includes(item.status as string),
		});
	}

	/** First step of every execution: a repeat that another n8n process took ends here. */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await passNewCallbacks(this, parseOyCallback);
	}
}

function parseOyCallback(body: IDataObject) {
	const messageId =
		lowerText(body.message_id) === undefined ? undefined : String(body.message_id).trim();
	if (!messageId) return 'Not an OY! WhatsApp callback: message_id is missing';
	const status = lowerText(body.status);
	if (!status) return 'Not an OY! WhatsApp callback: status is missing';
	const item: IDataObject = {
		...body,
		event: 'status',
		status,
		received_at: new Date().toISOString(),
	};
	return { item, dedupeKey: `oy:${messageId}:${status}` };
}
