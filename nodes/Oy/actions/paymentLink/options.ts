import type { INodeProperties } from 'n8n-workflow';

/** Options of both creates (Payment Link and Invoice), inside the node's `options` collection. */
export const paymentOptionFields: INodeProperties[] = [
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@email.com',
		default: '',
		description: 'Where OY! emails the link: up to 3 addresses separated by ";"',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. 6281234567890',
		description: "The payer's phone number (digits)",
	},
	{
		displayName: 'Expiration',
		name: 'expiration',
		type: 'dateTime',
		default: '',
		description:
			"When the link stops accepting payments: in the future, at most 31 days 23 hours away. Empty: 24 hours from now. Sent to OY! in Jakarta time, read in the workflow's timezone.",
	},
	{
		displayName: 'VA Display Name',
		name: 'vaDisplayName',
		type: 'string',
		default: '',
		description: 'The name shown on the virtual account (letters, digits and spaces)',
	},
	{
		displayName: 'Disabled Payment Methods',
		name: 'disabledPaymentMethods',
		type: 'multiOptions',
		default: [],
		description: 'Payment methods the payer may not use (at least one must stay)',
		options: [
			{ name: 'Bank Transfer', value: 'BANK_TRANSFER' },
			{ name: 'Credit Card', value: 'CREDIT_CARD' },
			{ name: 'E-Wallet', value: 'EWALLET' },
			{ name: 'QRIS', value: 'QRIS' },
			{ name: 'Virtual Account', value: 'VA' },
		],
	},
	{
		displayName: 'Enabled Banks',
		name: 'enabledBanks',
		type: 'multiOptions',
		default: [],
		description: 'Banks offered for virtual accounts. Empty: all.',
		options: [
			{ name: 'BCA', value: '014' },
			{ name: 'BNI', value: '009' },
			{ name: 'BRI', value: '002' },
			{ name: 'BSI', value: '451' },
			{ name: 'CIMB', value: '022' },
			{ name: 'Mandiri', value: '008' },
			{ name: 'Permata', value: '013' },
			{ name: 'SMBC', value: '213' },
		],
	},
	{
		displayName: 'Enabled E-Wallets',
		name: 'enabledEwallets',
		type: 'multiOptions',
		default: [],
		description: 'E-wallets offered. Empty: all.',
		options: [
			{ name: 'DANA', value: 'dana_ewallet' },
			{ name: 'LinkAja', value: 'linkaja_ewallet' },
			{ name: 'OVO', value: 'ovo_ewallet' },
			{ name: 'ShopeePay', value: 'shopeepay_ewallet' },
		],
	},
	{
		displayName: 'Child Balance',
		name: 'childBalance',
		type: 'string',
		default: '',
		description: 'The username of the child account the money goes to (multi-account only)',
	},
];
