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
import { sendLink } from './actions/whatsapp/sendLink.operation';
import { OyTransport } from './transport';

const operations: OperationsByResource<OyTransport> = {
	whatsapp: { sendLink },
};

export class Oy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OY! Indonesia',
		name: 'oy',
		icon: { light: 'file:oy.svg', dark: 'file:oy.dark.svg' },
		group: ['output'],
		version: 1,
		// the chosen operation's name ("Send Template"), not its value
		subtitle: '={{ {"sendLink": "Send Link"}[$parameter["operation"]] }}',
		description: 'Send OY! Payment Link and Invoice links by WhatsApp',
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
				options: [{ name: 'WhatsApp', value: 'whatsapp' }],
				default: 'whatsapp',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['whatsapp'] } },
				options: [
					{
						name: 'Send Link',
						value: 'sendLink',
						action: 'Send a payment or invoice link',
						description: "Send a Payment Link or Invoice link by WhatsApp with OY!'s own template",
					},
				],
				default: 'sendLink',
			},
			...operationFields(operations),
			actionOptionsCollection,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation(this, operations, new OyTransport(this, readRequestPolicy(this)));
	}
}
