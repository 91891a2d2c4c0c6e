import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { showFor } from '../operation';
import { formFieldsProperties } from './formFields';

// Names and shapes follow n8n-nodes-base's utils/sendAndWait, so saved workflows read the same and
// n8n's Human-review tool (which hides resource, operation and responseType and replaces message by
// name) works with this node unchanged.

const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether to limit the time this node waits for an answer. When the limit passes, the execution goes on with the input item unchanged.',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					description: 'Wait for some time, or until a date and time',
					options: [
						{
							name: 'After Time Interval',
							description: 'Waits for a certain amount of time',
							value: 'afterTimeInterval',
						},
						{
							name: 'At Specified Time',
							description: 'Waits until the set date and time to continue',
							value: 'atSpecifiedTime',
						},
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: 'The time to wait',
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					default: 'hours',
					description: 'Unit of the interval value',
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
					default: '',
					description: 'Continue execution after the specified date and time',
				},
			],
		},
	],
};

const approvalOptions: INodeProperties = {
	displayName: 'Approval Options',
	name: 'approvalOptions',
	type: 'fixedCollection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Type of Approval',
					name: 'approvalType',
					type: 'options',
					placeholder: 'Add option',
					default: 'single',
					options: [
						{ name: 'Approve Only', value: 'single' },
						{ name: 'Approve and Disapprove', value: 'double' },
					],
				},
				{
					displayName: 'Approve Button Label',
					name: 'approveLabel',
					type: 'string',
					default: '✓ Approve',
					displayOptions: { show: { approvalType: ['single', 'double'] } },
				},
				{
					displayName: 'Disapprove Button Label',
					name: 'disapproveLabel',
					type: 'string',
					default: '✗ Decline',
					displayOptions: { show: { approvalType: ['double'] } },
				},
			],
		},
	],
	displayOptions: { show: { responseType: ['approval'] } },
};

const formOptions: INodeProperties[] = [
	{
		displayName: 'Message Button Label',
		name: 'messageButtonLabel',
		type: 'string',
		default: 'Respond',
		description: 'The words before the link in the WhatsApp text',
	},
	{
		displayName: 'Response Form Title',
		name: 'responseFormTitle',
		description: 'Title of the page where the person answers',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Response Form Description',
		name: 'responseFormDescription',
		description: 'Text above the form. Leave empty to show the message.',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Response Form Button Label',
		name: 'responseFormButtonLabel',
		type: 'string',
		default: 'Submit',
	},
];

/**
 * The send-and-wait fields after the node's own "how to send" fields, shown for
 * `resource` → `sendAndWait`.
 */
export function sendAndWaitProperties(
	resource: string,
	sendFields: INodeProperties[],
): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName:
				'The message is sent once, for the first input item, and the workflow waits for one answer. The answer is the output.',
			name: 'sendAndWaitNotice',
			type: 'notice',
			default: '',
		},
		...sendFields,
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 4 },
			description:
				'What the person is asked: shown on the answer page, and sent before the link in a text message',
		},
		{
			displayName: 'Response Type',
			name: 'responseType',
			type: 'options',
			default: 'approval',
			options: [
				{
					name: 'Approval',
					value: 'approval',
					description: 'The person approves or declines on the answer page',
				},
				{
					name: 'Free Text',
					value: 'freeText',
					description: 'The person writes an answer on the answer page',
				},
				{
					name: 'Custom Form',
					value: 'customForm',
					description: 'The person fills in a form of your fields on the answer page',
				},
			],
		},
		...formFieldsProperties.map((field) => ({
			...field,
			displayOptions: { show: { ...field.displayOptions?.show, responseType: ['customForm'] } },
		})),
		approvalOptions,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [limitWaitTimeOption],
			displayOptions: { show: { responseType: ['approval'] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [...formOptions, limitWaitTimeOption],
			displayOptions: { show: { responseType: ['freeText', 'customForm'] } },
		},
	];
	return showFor(resource, SEND_AND_WAIT_OPERATION, fields);
}

/** The webhooks n8n calls when the person opens (GET) or submits (POST) the answer link. */
export const sendAndWaitWebhooks = (['GET', 'POST'] as const).map((httpMethod) => ({
	name: 'default' as const,
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));
