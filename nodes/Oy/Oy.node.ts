import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { actionOptionsCollection } from '../shared/actionOptions';
import { readRequestPolicy } from '../shared/http/requestPolicy';
import type { OperationsByResource } from '../shared/operation';
import { executeOperation, operationFields } from '../shared/operation';
import { create as createInvoice } from './actions/invoice/create.operation';
import { invoiceOptionFields } from './actions/invoice/fields';
import { create as createLink } from './actions/paymentLink/create.operation';
import { deleteLink } from './actions/paymentLink/delete.operation';
import { get } from './actions/paymentLink/get.operation';
import { getStatus } from './actions/paymentLink/getStatus.operation';
import { paymentOptionFields } from './actions/paymentLink/options';
import { sendLink } from './actions/whatsapp/sendLink.operation';
import { OyTransport } from './transport';

const operations: OperationsByResource<OyTransport> = {
	whatsapp: { sendLink },
	paymentLink: { create: createLink, get, getStatus, delete: deleteLink },
	invoice: { create: createInvoice },
};

const onlyFor = (show: Record<string, string[]>) => (field: INodeProperties) => ({
	...field,
	displayOptions: { show },
});

/** The node's options: the shared ones, and each operation's own. */
const options = actionOptionsCollection([
	...paymentOptionFields.map(onlyFor({ '/operation': ['create'] })),
	...invoiceOptionFields.map(onlyFor({ '/resource': ['invoice'] })),
	onlyFor({ '/operation': ['getStatus'] })({
		displayName: 'Resend Callback',
		name: 'resendCallback',
		type: 'boolean',
		default: false,
		description:
			'Whether OY! should post the latest payment callback to your callback URL again (the OY! Trigger folds it if it already ran)',
	}),
]);

const operation = (resource: string, choices: INodeProperties['options'], first: string) => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options' as const,
	noDataExpression: true,
	displayOptions: { show: { resource: [resource] } },
	options: choices,
	default: first,
});

export class Oy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OY! Indonesia',
		name: 'oy',
		icon: { light: 'file:oy.svg', dark: 'file:oy.dark.svg' },
		group: ['output'],
		version: 1,
		// the chosen operation's name ("Send Link"), not its value
		subtitle:
			'={{ {"sendLink": "Send Link", "create": "Create", "get": "Get", "getStatus": "Get Status", "delete": "Delete"}[$parameter["operation"]] + ({"paymentLink": " Payment Link", "invoice": " Invoice"}[$parameter["resource"]] || "") }}',
		description: 'Create OY! Payment Links and Invoices and send them by WhatsApp',
		defaults: { name: 'OY! Indonesia' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'oyApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Payment Link', value: 'paymentLink' },
					{ name: 'WhatsApp', value: 'whatsapp' },
				],
				default: 'whatsapp',
			},
			operation(
				'whatsapp',
				[
					{
						name: 'Send Link',
						value: 'sendLink',
						action: 'Send a payment or invoice link',
						description: "Send a Payment Link or Invoice link by WhatsApp with OY!'s own template",
					},
				],
				'sendLink',
			),
			operation(
				'paymentLink',
				[
					{
						name: 'Create',
						value: 'create',
						action: 'Create a payment link',
						description: 'Make a one-time payment link',
					},
					{
						name: 'Delete',
						value: 'delete',
						action: 'Delete a payment link',
						description: 'Close a link nobody has started paying',
					},
					{
						name: 'Get',
						value: 'get',
						action: 'Get a payment link',
						description: 'Look up a Payment Link or Invoice',
					},
					{
						name: 'Get Status',
						value: 'getStatus',
						action: 'Get the payment status of a payment link',
						description: 'The payment of a Payment Link or Invoice, as its callback reports it',
					},
				],
				'create',
			),
			operation(
				'invoice',
				[
					{
						name: 'Create',
						value: 'create',
						action: 'Create an invoice',
						description: 'Make an invoice with items and an optional PDF',
					},
				],
				'create',
			),
			...operationFields(operations),
			options,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation(this, operations, new OyTransport(this, readRequestPolicy(this)));
	}
}
