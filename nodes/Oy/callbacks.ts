import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { CallbackEvent } from '../shared/callbacks/guard';
import { lowerText } from '../shared/callbacks/triggerDescription';

/**
 * The two kinds of OY! callbacks the trigger takes: WhatsApp send-link statuses, and Payment
 * Link and Invoice payments (API-NOTES). Each is parsed into an item and the key that makes two
 * callbacks the same.
 */

export const WHATSAPP_STATUSES = ['sent', 'delivered', 'read', 'undelivered', 'failed'];
export const PAYMENT_STATUSES = [
	'created',
	'waiting_payment',
	'charge_in_progress',
	'complete',
	'failed',
	'expired',
	'closed',
];

/** OY!'s published source addresses of payment callbacks, for Allowed IPs. */
export const OY_PAYMENT_CALLBACK_IPS = ['54.151.191.85', '54.179.86.72'];

export const settlementUpdatesOption: INodeProperties = {
	displayName: 'Settlement Updates',
	name: 'settlementUpdates',
	type: 'boolean',
	default: false,
	description:
		'Whether a delayed settlement\'s second "complete" callback (settlement_status SUCCESS, after WAITING) also starts the workflow. Off: "complete" starts it exactly once per payment, when the customer pays.',
	displayOptions: { show: { '/event': ['payment'] } },
};

export function parseWhatsappStatus(body: IDataObject): CallbackEvent | string {
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

/**
 * A payment is the same when its tx_ref_number, status and settlement_status are (OY! retries up
 * to 5 times). Without settlement updates, settlement_status does not tell two "complete"
 * callbacks apart, so a delayed settlement's second one is folded.
 */
export function paymentParser(settlementUpdates: boolean) {
	return (body: IDataObject): CallbackEvent | string => {
		const payment = text(body.tx_ref_number) ?? text(body.partner_tx_id);
		if (!payment) return 'Not an OY! payment callback: tx_ref_number and partner_tx_id are missing';
		const status = lowerText(body.status);
		if (!status) return 'Not an OY! payment callback: status is missing';
		const settlement =
			status === 'complete' && !settlementUpdates ? '' : (lowerText(body.settlement_status) ?? '');
		const item: IDataObject = {
			...body,
			event: 'payment',
			status,
			received_at: body.received_at ?? new Date().toISOString(),
		};
		return { item, dedupeKey: `oy-payment:${payment}:${status}:${settlement}` };
	};
}

function text(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
