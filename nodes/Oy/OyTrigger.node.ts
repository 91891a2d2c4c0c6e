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
	OY_PAYMENT_CALLBACK_IPS,
	PAYMENT_STATUSES,
	WHATSAPP_STATUSES,
	parseWhatsappStatus,
	paymentParser,
	settlementUpdatesOption,
} from './callbacks';
import {
	callbackGuardFields,
	callbackSecretTest,
	callbackWebhook,
	pastedUrlWebhookMethods,
	statusFilterField,
} from '../shared/callbacks/triggerDescription';

const EVENT_IS_CHOSEN = { '@version': [{ _cnd: { gte: 2 } }] };

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
		subtitle:
			'={{ $parameter["event"] === "payment" ? "Payment: " + (($parameter["paymentStatuses"] || []).join(", ") || "all statuses") : ($parameter["statuses"] || []).join(", ") || "All statuses" }}',
		description:
			'Starts the workflow when OY! reports a payment of a Payment Link or Invoice, or the status of a WhatsApp link message',
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
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Payment',
						value: 'payment',
						description:
							'A Payment Link or Invoice was paid, expired or failed (payment callbacks)',
					},
					{
						name: 'WhatsApp Status',
						value: 'whatsappStatus',
						description: 'A link sent by WhatsApp was sent, delivered or read',
					},
				],
				default: 'whatsappStatus',
				displayOptions: { show: EVENT_IS_CHOSEN },
			},
			{
				displayName:
					'OY! has no API for callback URLs: give this node\'s Production URL (above) to your OY! business representative as the WhatsApp callback URL, with "?secret=" and your callback secret added. Staging and production have separate callback URLs.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
				displayOptions: { hide: { event: ['payment'] } },
			},
			{
				displayName:
					'Paste this node\'s Production URL (above), with "?secret=" and your callback secret added, in the OY! dashboard: Settings → Developer Option → Callback Configuration, for Payment Link and Invoice. Switch on automatic retry there: OY! then resends a callback up to 5 times, and this trigger starts the workflow once. A delayed settlement sends "complete" twice (settlement WAITING, then SUCCESS).',
				name: 'paymentSetupNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { event: ['payment'] } },
			},
			{
				...statusFilterField(
					WHATSAPP_STATUSES,
					'Only these statuses start the workflow; others are acknowledged and dropped. Leave empty for all.',
				),
				displayOptions: { hide: { event: ['payment'] } },
			},
			{
				displayName: 'Payment Statuses',
				name: 'paymentStatuses',
				type: 'multiOptions',
				options: PAYMENT_STATUSES.map((status) => ({
					name: status[0].toUpperCase() + status.slice(1).replace(/_/g, ' '),
					value: status,
				})),
				default: [],
				description:
					'Only payments with these statuses start the workflow; others are acknowledged and dropped. Leave empty for all.',
				displayOptions: { show: { event: ['payment'] } },
			},
			...callbackGuardFields('OY! Indonesia Callback API', {
				allowedIpsHint: `OY! sends payment callbacks from ${OY_PAYMENT_CALLBACK_IPS.join(' and ')}; for WhatsApp callbacks ask OY! for a static address.`,
				ownOptions: [settlementUpdatesOption],
			}),
		],
	};

	methods = { credentialTest: { callbackSecretTest } };

	webhookMethods = pastedUrlWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const payment = this.getNodeParameter('event', 'whatsappStatus') === 'payment';
		const statuses = this.getNodeParameter(
			payment ? 'paymentStatuses' : 'statuses',
			[],
		) as string[];
		return await guardCallback(this, {
			credentialType: 'oyCallbackApi',
			acknowledgement: { status: true, message: 'Callback received' },
			parse: callbackParser(payment, this.getNodeParameter('options', {}) as IDataObject),
			wanted: (item) => statuses.length === 0 || statuses.includes(item.status as string),
		});
	}

	/** First step of every execution: a repeat that another n8n process took ends here. */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const payment = this.getNodeParameter('event', 0, 'whatsappStatus') === 'payment';
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		return await passNewCallbacks(this, callbackParser(payment, options));
	}
}

/** How this trigger reads a callback: by its event and, for payments, its settlement option. */
function callbackParser(payment: boolean, options: IDataObject) {
	return payment ? paymentParser(options.settlementUpdates === true) : parseWhatsappStatus;
}
