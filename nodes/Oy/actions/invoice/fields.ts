import type { INodeProperties } from 'n8n-workflow';

/** What an Invoice has beyond a Payment Link. */
export const invoiceFields: INodeProperties[] = [
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Budi Santoso',
		description: 'The customer’s full name on the invoice',
	},
	{
		displayName: 'Due Date',
		name: 'dueDate',
		type: 'dateTime',
		default: '',
		description:
			"When the invoice is due: not after its expiration. Sent to OY! in Jakarta time, read in the workflow's timezone.",
	},
	{
		displayName: 'Invoice Items',
		name: 'invoiceItems',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Item',
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Date of Purchase',
						name: 'dateOfPurchase',
						type: 'dateTime',
						default: '',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Item',
						name: 'item',
						type: 'string',
						default: '',
						required: true,
					},
					{
						displayName: 'Price Per Item',
						name: 'pricePerItem',
						type: 'number',
						default: 0,
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						default: 1,
					},
				],
			},
		],
	},
];

/** Invoice options, inside the node's `options` collection. */
export const invoiceOptionFields: INodeProperties[] = [
	{
		displayName: 'Partner User ID',
		name: 'partnerUserId',
		type: 'string',
		default: '',
		description: 'Your own ID of the customer',
	},
	{
		displayName: 'VA Lifetime',
		name: 'isVaLifetime',
		type: 'boolean',
		default: false,
		description: 'Whether the virtual account stays valid after the invoice expires',
	},
	{
		displayName: 'Attachment (Input Binary Field)',
		name: 'attachmentBinaryProperty',
		type: 'string',
		default: '',
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field holding a PDF of at most 2 MB',
		description: 'A PDF to attach to the invoice, from this item’s binary data',
	},
];
