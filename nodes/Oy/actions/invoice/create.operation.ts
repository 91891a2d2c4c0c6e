import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { missingBinaryError } from '../../../shared/binary';
import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import { jakartaText, readInstant } from '../../jakartaTime';
import type { OyTransport } from '../../transport';
import { CREATE_ADVICE } from '../paymentLink/create.operation';
import {
	DEFAULT_EXPIRATION_MS,
	createdOutput,
	fieldError,
	newPartnerTxId,
	paymentFields,
	readPaymentBody,
} from '../paymentLink/fields';
import { invoiceFields } from './fields';

const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
const JAKARTA = 'Asia/Jakarta';

export const create: ItemOperation<OyTransport> = {
	description: showFor('invoice', 'create', [...paymentFields, ...invoiceFields]),

	async prepare(this, itemIndex) {
		const payment = readPaymentBody(this, itemIndex);
		const body = { ...payment, ...readInvoiceFields(this, itemIndex, payment.expiration) };
		const attachment = await readAttachment(this, itemIndex);
		const partnerTxId = (body.partner_tx_id as string | undefined) ?? newPartnerTxId();
		return {
			// the same item makes the same invoice, whatever ID a re-run would make up
			sameMessage: { ...body, attachment_size: attachment?.length },
			send: async (transport) => {
				const answer = await transport.request(
					itemIndex,
					{
						method: 'POST',
						path: '/api/payment-checkout/create-invoice',
						body: {
							...body,
							partner_tx_id: partnerTxId,
							...(attachment ? { attachment: attachment.toString('base64') } : {}),
						},
					},
					CREATE_ADVICE,
				);
				return createdOutput(answer, partnerTxId);
			},
		};
	},
};

/** What an invoice has beyond a payment link; `expirationText` is the one readPaymentBody checked. */
function readInvoiceFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	expirationText: unknown,
): IDataObject {
	const fields: IDataObject = {};
	const fullName = String(ctx.getNodeParameter('fullName', itemIndex, '')).trim();
	if (fullName) fields.full_name = fullName;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const partnerUserId = String(options.partnerUserId ?? '').trim();
	if (partnerUserId) fields.partner_user_id = partnerUserId;
	if (options.isVaLifetime !== undefined) fields.is_va_lifetime = options.isVaLifetime === true;
	const dueDate = ctx.getNodeParameter('dueDate', itemIndex, '');
	if (dueDate) {
		const due = readInstant(dueDate, ctx.getTimezone());
		const expiration = readInstant(expirationText ?? '', JAKARTA);
		const latest = Number.isNaN(expiration) ? Date.now() + DEFAULT_EXPIRATION_MS : expiration;
		if (Number.isNaN(due) || due > latest)
			fieldError(
				ctx,
				itemIndex,
				`Due Date ${Number.isNaN(due) ? `"${String(dueDate)}"` : `${jakartaText(due)} (Jakarta time)`} is not accepted by OY!`,
				`Choose a date and time no later than the expiration (${jakartaText(latest)}, Jakarta time${Number.isNaN(expiration) ? ': 24 hours from now when Expiration is empty' : ''}).`,
			);
		fields.due_date = jakartaText(due);
	}
	fields.invoice_items = readItems(ctx, itemIndex);
	return fields;
}

function readItems(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const rows =
		((ctx.getNodeParameter('invoiceItems', itemIndex, {}) as IDataObject).item as
			IDataObject[] | undefined) ?? [];
	if (rows.length === 0)
		fieldError(
			ctx,
			itemIndex,
			'The invoice has no items',
			'Add at least one item under Invoice Items.',
		);
	return rows.map((row, index) => {
		const what = `Invoice item ${index + 1}`;
		const name = String(row.item ?? '').trim();
		const quantity = Number(row.quantity);
		const price = Number(row.pricePerItem);
		if (!name) fieldError(ctx, itemIndex, `${what} has no name`, 'Fill in Item for every row.');
		if (!Number.isInteger(quantity) || quantity < 1)
			fieldError(
				ctx,
				itemIndex,
				`${what} ("${name}") has quantity ${row.quantity}`,
				'Enter a whole number of at least 1.',
			);
		if (!Number.isFinite(price) || price < 0)
			fieldError(
				ctx,
				itemIndex,
				`${what} ("${name}") has price ${row.pricePerItem}`,
				'Enter a price per item of 0 or more.',
			);
		const item: IDataObject = { item: name, quantity, price_per_item: price };
		const description = String(row.description ?? '').trim();
		if (description) item.description = description;
		if (row.dateOfPurchase) {
			const bought = readInstant(row.dateOfPurchase, ctx.getTimezone());
			if (Number.isNaN(bought))
				fieldError(
					ctx,
					itemIndex,
					`${what} ("${name}") has no valid date of purchase`,
					'Pick a date.',
				);
			item.date_of_purchase = jakartaText(bought).slice(0, 10);
		}
		return item;
	});
}

/** The PDF to attach, read from the item's binary data; undefined when none is asked for. */
async function readAttachment(ctx: IExecuteFunctions, itemIndex: number) {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const property = String(options.attachmentBinaryProperty ?? '').trim();
	if (!property) return undefined;
	const binary = ctx.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) throw missingBinaryError(ctx, itemIndex, property);
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	const name = binary.fileName ?? property;
	if (data.subarray(0, 5).toString('latin1') !== '%PDF-')
		fieldError(ctx, itemIndex, `"${name}" is not a PDF`, 'OY! attaches PDF files only.');
	if (data.length > MAX_ATTACHMENT_BYTES)
		fieldError(
			ctx,
			itemIndex,
			`"${name}" is ${(data.length / 1024 / 1024).toFixed(1)} MB`,
			'OY! attaches PDF files of at most 2 MB.',
		);
	return data;
}
