import { randomBytes } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemParameter } from '../../../shared/itemParameter';
import { jakartaText, readInstant } from '../../jakartaTime';

/**
 * What a Payment Link and an Invoice are made of, and the checks OY! makes, done before sending
 * so that the error names the field. Names are OY!'s (API-NOTES: create-v2, create-invoice).
 */

export const MINIMUM_AMOUNT = 10_000;
export const MAX_EXPIRATION_MS = (31 * 24 + 23) * 3600 * 1000;
export const DEFAULT_EXPIRATION_MS = 24 * 3600 * 1000;

export const paymentFields: INodeProperties[] = [
	{
		displayName: 'Sender Name',
		name: 'senderName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Budi Santoso',
		description: 'The name of the person who pays (letters and spaces only)',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		default: 10000,
		typeOptions: { minValue: MINIMUM_AMOUNT, numberPrecision: 0 },
		description:
			'In rupiah, a whole number of at least 10,000 (11,000 with BCA unique codes, 15,000 with cards). With Open Amount, the most the payer may pay.',
	},
	{
		displayName: 'Open Amount',
		name: 'isOpen',
		type: 'boolean',
		default: false,
		description:
			'Whether the payer may choose the amount (at least 10,000, at most Amount) instead of paying exactly Amount',
	},
	{
		displayName: 'Include Admin Fee',
		name: 'includeAdminFee',
		type: 'boolean',
		default: false,
		description: "Whether the payer pays OY!'s admin fee on top of the amount",
	},
	{
		displayName: 'Partner Transaction ID',
		name: 'partnerTxId',
		type: 'string',
		default: '',
		placeholder: 'e.g. INV20260001',
		description:
			'Your own ID for this payment (letters and digits only). Leave empty to have one made; it is returned as partner_tx_id, ready for WhatsApp → Send Link.',
	},
];

/** Throws a field's error: what is wrong and what to enter instead. */
export function fieldError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** The fields a Payment Link and an Invoice share, checked, in OY!'s names. */
export function readPaymentBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fail = (message: string, description: string) =>
		fieldError(ctx, itemIndex, message, description);
	const senderName = String(itemParameter(ctx, 'senderName', itemIndex, '')).trim();
	if (!/^[A-Za-z ]+$/.test(senderName))
		fail(
			`Sender Name "${senderName}" is not accepted by OY!`,
			'Use letters and spaces only, e.g. "Budi Santoso" (no digits, dots or commas).',
		);
	const amount = Number(itemParameter(ctx, 'amount', itemIndex));
	if (!Number.isInteger(amount) || amount < MINIMUM_AMOUNT)
		fail(
			`Amount ${amount} is not accepted by OY!`,
			'Enter a whole number of rupiah of at least 10,000.',
		);
	const partnerTxId = String(itemParameter(ctx, 'partnerTxId', itemIndex, '')).trim();
	if (partnerTxId && !/^[A-Za-z0-9]+$/.test(partnerTxId))
		fail(
			`Partner Transaction ID "${partnerTxId}" is not accepted by OY!`,
			'Use letters and digits only (no dashes, spaces or underscores), or leave it empty to have one made.',
		);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		sender_name: senderName,
		amount,
		is_open: ctx.getNodeParameter('isOpen', itemIndex, false) === true,
		include_admin_fee: ctx.getNodeParameter('includeAdminFee', itemIndex, false) === true,
	};
	const expiration = readExpiration(ctx, itemIndex, options.expiration);
	if (expiration) body.expiration = expiration;
	if (partnerTxId) body.partner_tx_id = partnerTxId;
	for (const [option, field] of [
		['description', 'description'],
		['notes', 'notes'],
		['childBalance', 'child_balance'],
	]) {
		const value = String(options[option] ?? '').trim();
		if (value) body[field] = value;
	}
	const emails = String(options.email ?? '')
		.split(/[;,]/)
		.map((email) => email.trim())
		.filter(Boolean);
	if (emails.length > 3 || emails.some((email) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
		fail(
			`Email "${String(options.email)}" is not accepted by OY!`,
			'Enter up to 3 email addresses separated by ";".',
		);
	if (emails.length) body.email = emails.join(';');
	const phone = String(options.phoneNumber ?? '').trim();
	if (phone && !/^\+?[\d\s-]+$/.test(phone))
		fail(
			`Phone Number "${phone}" is not accepted by OY!`,
			'Enter digits only, e.g. 6281234567890.',
		);
	if (phone) body.phone_number = phone.replace(/\D/g, '');
	const vaName = String(options.vaDisplayName ?? '').trim();
	if (vaName && !/^[A-Za-z0-9 ]+$/.test(vaName))
		fail(
			`VA Display Name "${vaName}" is not accepted by OY!`,
			'Use letters, digits and spaces only.',
		);
	if (vaName) body.va_display_name = vaName;
	const disabled = (options.disabledPaymentMethods as string[] | undefined) ?? [];
	if (disabled.length >= 5)
		fail('Every payment method is disabled', 'Leave at least one payment method enabled.');
	if (disabled.length) body.list_disabled_payment_methods = disabled.join(',');
	const banks = (options.enabledBanks as string[] | undefined) ?? [];
	if (banks.length) body.list_enabled_banks = banks.join(',');
	const ewallets = (options.enabledEwallets as string[] | undefined) ?? [];
	if (ewallets.length) body.list_enabled_ewallet = ewallets.join(',');
	return body;
}

/**
 * `expiration` in Jakarta time: in the future, at most 31 days 23 hours away; undefined when
 * empty (OY! then gives the link 24 hours).
 */
export function readExpiration(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): string | undefined {
	const now = Date.now();
	if (value === undefined || value === null || value === '') return undefined;
	const at = readInstant(value, ctx.getTimezone());
	if (Number.isNaN(at))
		fieldError(
			ctx,
			itemIndex,
			`Expiration "${String(value)}" is not a date and time`,
			'Pick a date and time, or use an expression such as {{ $now.plus({ days: 3 }) }}.',
		);
	if (at <= now || at - now > MAX_EXPIRATION_MS)
		fieldError(
			ctx,
			itemIndex,
			`Expiration ${jakartaText(at)} (Jakarta time) is not accepted by OY!`,
			'Choose a time in the future and at most 31 days 23 hours from now.',
		);
	return jakartaText(at);
}

/** A partner transaction ID of letters and digits, for a create that was given none. */
export function newPartnerTxId(): string {
	return `N8N${randomBytes(10).toString('hex').toUpperCase()}`;
}

/** The link OY! made, with the partner transaction ID it was made for (OY! does not echo it). */
export function createdOutput(answer: IDataObject, partnerTxId: string): IDataObject {
	return { partner_tx_id: partnerTxId, ...answer };
}
