// @ts-check
'use strict';
/**
 * OY!'s Payment Link and Invoice API (payment-checkout) as ../../shared/API-NOTES.md describes it:
 * create (link or invoice), get, status (with a callback resend), delete, and the payment
 * callbacks with OY!'s retry rule. Controls pay a link (fixed or open amount, realtime or delayed
 * settlement) and expire one.
 */
const crypto = require('node:crypto');

const METHODS = ['VA', 'CREDIT_CARD', 'QRIS', 'EWALLET', 'BANK_TRANSFER'];
const BANKS = ['002', '008', '009', '013', '022', '213', '451', '014'];
const EWALLETS = ['shopeepay_ewallet', 'dana_ewallet', 'linkaja_ewallet', 'ovo_ewallet'];
const MAX_EXPIRATION_MS = (31 * 24 + 23) * 3600 * 1000;
const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
/** OY! sends a failed callback again at once, then after 1, 2, 13 and 47 minutes */
const RETRY_MINUTES = [0, 1, 2, 13, 47];
const JAKARTA_MS = 7 * 3600 * 1000;

/** Jakarta time (UTC+7) as both providers write it: `yyyy-MM-dd HH:mm:ss`, no zone. */
const jakartaText = (ms) => new Date(ms + JAKARTA_MS).toISOString().replace('T', ' ').slice(0, 19);
/** `yyyy-MM-dd HH:mm:ss` read as Jakarta time; NaN when not in that form. */
function jakartaMs(text) {
	if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return NaN;
	return Date.parse(`${text.replace(' ', 'T')}+07:00`);
}
const commaList = (value) =>
	String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);

/**
 * @param {{ send: Function, authError: Function, postJson: Function, later: Function,
 *   track: Function, config: any, baseUrl: () => string }} deps
 */
function createOyPayments({ send, authError, postJson, later, track, config, baseUrl }) {
	/** payment_link_id → link */
	const links = new Map();
	/** every payment callback posted, with each attempt's answer */
	const paymentCallbacks = [];

	const refuse = (res, message, http = 200) => send(res, http, { status: false, message });
	const find = (idOrTx) =>
		links.get(idOrTx) ?? [...links.values()].find((link) => link.partner_tx_id === idOrTx);

	/** What OY! checks in a create request; a sentence when something is wrong. */
	function invalid(body, isInvoice) {
		if (!body || typeof body !== 'object') return 'Invalid request body';
		const { partner_tx_id: tx, sender_name: name, amount } = body;
		if (typeof name !== 'string' || !/^[A-Za-z ]+$/.test(name)) return 'Invalid sender_name';
		if (!Number.isInteger(amount) || amount < 10000) return 'Minimum amount is 10000';
		if (typeof body.is_open !== 'boolean') return 'is_open is required';
		if (typeof body.include_admin_fee !== 'boolean') return 'include_admin_fee is required';
		if (tx !== undefined && (typeof tx !== 'string' || !/^[A-Za-z0-9]+$/.test(tx)))
			return 'partner_tx_id may only contain letters and numbers';
		if (!body.is_open && !tx) return 'partner_tx_id is required for a closed amount';
		if (tx && find(tx)) return 'Partner Tx ID already exists';
		if (body.email !== undefined && String(body.email).split(';').length > 3)
			return 'At most 3 emails are allowed';
		if (body.phone_number !== undefined && !/^\d+$/.test(String(body.phone_number)))
			return 'phone_number may only contain digits';
		if (body.va_display_name !== undefined && !/^[A-Za-z0-9 ]+$/.test(body.va_display_name))
			return 'Invalid va_display_name';
		const disabled = commaList(body.list_disabled_payment_methods);
		if (disabled.some((m) => !METHODS.includes(m))) return 'Invalid payment method';
		if (METHODS.every((m) => disabled.includes(m))) return 'At least one payment method must stay';
		if (commaList(body.list_enabled_banks).some((b) => !BANKS.includes(b)))
			return 'Invalid bank code';
		if (commaList(body.list_enabled_ewallet).some((e) => !EWALLETS.includes(e)))
			return 'Invalid e-wallet';
		const now = Date.now();
		const expiration =
			body.expiration === undefined ? now + 24 * 3600 * 1000 : jakartaMs(body.expiration);
		if (Number.isNaN(expiration)) return 'expiration must be yyyy-MM-dd HH:mm:ss';
		if (expiration <= now) return 'expiration must be in the future';
		if (expiration - now > MAX_EXPIRATION_MS) return 'expiration is at most 31 days 23 hours away';
		if (!isInvoice) return undefined;
		const due = body.due_date === undefined ? expiration : jakartaMs(body.due_date);
		if (Number.isNaN(due)) return 'due_date must be yyyy-MM-dd HH:mm:ss';
		if (due > expiration) return 'due_date cannot be after expiration';
		const items = body.invoice_items;
		if (!Array.isArray(items) || items.length === 0) return 'invoice_items is required';
		for (const item of items) {
			if (!item.item || !Number.isInteger(item.quantity) || item.quantity < 1)
				return 'Invalid invoice_items';
			if (typeof item.price_per_item !== 'number' || item.price_per_item < 0)
				return 'Invalid invoice_items';
		}
		if (body.attachment !== undefined) {
			const pdf = Buffer.from(String(body.attachment), 'base64');
			if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return 'attachment must be a PDF';
			if (pdf.length > MAX_ATTACHMENT_BYTES) return 'attachment is larger than 2 MB';
		}
		return undefined;
	}

	function create(request, bodyError, res, isInvoice) {
		const auth = authError(request);
		if (auth) return refuse(res, auth[2], auth[0]);
		const body = bodyError ? undefined : request.body;
		const problem = invalid(body, isInvoice);
		if (problem) return refuse(res, problem, 400);
		const id = crypto.randomUUID();
		const tx = body.partner_tx_id || `OY${crypto.randomBytes(8).toString('hex').toUpperCase()}`;
		const expiration = body.expiration ?? jakartaText(Date.now() + 24 * 3600 * 1000);
		links.set(id, {
			...body,
			partner_tx_id: tx,
			payment_link_id: id,
			expiration,
			is_invoice: isInvoice,
			status: 'created',
			payments: [],
		});
		send(res, 200, {
			status: true,
			url: `${baseUrl()}/pay/${isInvoice ? 'invoice/' : ''}${id}`,
			message: 'success',
			email_status: body.email ? 'PROCESSED' : null,
			payment_link_id: id,
		});
	}

	/** GET /api/payment-checkout/<id or partner_tx_id>: camelCase, status in capitals. */
	function get(request, res, idOrTx) {
		const auth = authError(request);
		if (auth) return refuse(res, auth[2], auth[0]);
		const link = find(idOrTx);
		if (!link)
			return refuse(res, 'The payment_link_id or partner_trx_id cannot be found in our system');
		send(res, 200, {
			status: true,
			message: 'success',
			data: {
				partnerTxId: link.partner_tx_id,
				paymentLinkId: link.payment_link_id,
				amount: link.amount,
				senderName: link.sender_name,
				description: link.description ?? null,
				email: link.email ?? null,
				phoneNumber: link.phone_number ?? null,
				status: link.status.toUpperCase(),
				isOpen: link.is_open,
				includeAdminFee: link.include_admin_fee,
				expirationTime: link.expiration,
				paymentMethod: link.payments.at(-1)?.payment_method ?? null,
				invoiceData: link.is_invoice
					? {
							fullName: link.full_name ?? null,
							dueDate: link.due_date ?? null,
							invoiceItems: JSON.stringify(link.invoice_items),
						}
					: null,
			},
		});
	}

	/** GET /api/payment-checkout/status: the last callback's fields, snake_case. */
	function status(request, res) {
		const auth = authError(request);
		if (auth) return refuse(res, auth[2], auth[0]);
		const link = find(request.query.partner_tx_id ?? '');
		if (!link) return refuse(res, 'The partner_tx_id cannot be found in our system');
		const payment = link.payments.at(-1);
		if (payment && request.query.send_callback === 'true') postPaymentCallback(payment);
		send(res, 200, payment ?? callbackFields(link, { status: link.status }));
	}

	function remove(request, res, idOrTx) {
		const auth = authError(request);
		if (auth) return refuse(res, auth[2], auth[0]);
		const link = find(idOrTx);
		if (!link)
			return refuse(res, 'The payment_link_id or partner_trx_id cannot be found in our system');
		if (link.status !== 'created')
			return refuse(res, 'Cannot delete payment link status other than CREATED/INITIATIED');
		link.status = 'closed';
		send(res, 200, { status: true, message: 'success delete payment checkout data' });
	}

	function callbackFields(link, fields) {
		return {
			partner_tx_id: link.partner_tx_id,
			tx_ref_number: null,
			amount: link.amount,
			paid_amount: null,
			sender_name: link.sender_name,
			sender_phone: link.phone_number ?? null,
			sender_note: link.notes ?? null,
			sender_bank: null,
			payment_method: null,
			settlement_type: null,
			settlement_status: null,
			settlement_time: null,
			payment_received_time: null,
			expiration: link.expiration.replace(' ', 'T'),
			due_date: link.due_date?.replace(' ', 'T') ?? null,
			is_invoice: link.is_invoice,
			description: link.description ?? null,
			email: link.email ?? null,
			...(link.is_invoice
				? { invoice_ID: link.payment_link_id, full_name: link.full_name ?? null }
				: {}),
			created: jakartaText(Date.now()).replace(' ', 'T'),
			updated: jakartaText(Date.now()).replace(' ', 'T'),
			...fields,
		};
	}

	/** Posts a payment callback; when the answer is not 2xx, again by OY!'s retry rule. */
	function postPaymentCallback(payload, opts = {}) {
		const url = opts.url ?? config.callbackUrls.oyPayment;
		if (!url) return undefined;
		const record = { provider: 'oyPayment', url, payload, attempts: [] };
		paymentCallbacks.push(record);
		const attempt = (index) =>
			track(
				postJson(url, JSON.stringify(payload), { 'content-type': 'application/json' }).then(
					(answer) => {
						record.attempts.push(answer);
						const ok = answer.status >= 200 && answer.status < 300;
						if (!ok && opts.retry !== false && index < RETRY_MINUTES.length)
							later(RETRY_MINUTES[index] * config.oy.retryMinuteMs, () => attempt(index + 1));
					},
				),
			);
		attempt(0);
		return record;
	}

	/**
	 * A customer pays (without `id`: the newest unpaid link): the link turns complete and OY! calls back (realtime: once; delayed: once
	 * with settlement WAITING, then with SUCCESS after `settlementDelayMs`). Answers the payment.
	 */
	function pay({ id, amount, settlement = 'realtime', paymentMethod = 'VA' }) {
		const newestOpen = () =>
			[...links.values()].filter((l) => ['created', 'waiting_payment'].includes(l.status)).at(-1);
		const link = id === undefined ? newestOpen() : find(id);
		if (!link) throw new Error(`no payment link ${id}`);
		if (!['created', 'waiting_payment'].includes(link.status))
			throw new Error(`payment link ${id} is ${link.status}`);
		const paid = amount ?? link.amount;
		if (link.is_open ? paid < 10000 || paid > link.amount : paid !== link.amount)
			throw new Error(`amount ${paid} does not fit payment link ${id}`);
		link.status = 'complete';
		const now = Date.now();
		const delayed = settlement === 'delayed';
		const payment = callbackFields(link, {
			tx_ref_number: String(100000000 + Math.floor(Math.random() * 900000000)),
			paid_amount: paid,
			status: 'complete',
			payment_method: paymentMethod,
			sender_bank: paymentMethod === 'VA' ? '014' : null,
			settlement_type: delayed ? 'non_realtime' : 'realtime',
			settlement_status: delayed ? 'WAITING' : 'SUCCESS',
			settlement_time: jakartaText(now + (delayed ? config.oy.settlementDelayMs : 0)).replace(
				' ',
				'T',
			),
			payment_received_time: jakartaText(now).replace(' ', 'T'),
		});
		link.payments.push(payment);
		postPaymentCallback(payment);
		if (delayed) {
			later(config.oy.settlementDelayMs, () => {
				const settled = {
					...payment,
					settlement_status: 'SUCCESS',
					updated: jakartaText(Date.now()).replace(' ', 'T'),
				};
				link.payments.push(settled);
				postPaymentCallback(settled);
			});
		}
		return payment;
	}

	function expire(id) {
		const link = find(id ?? '');
		if (!link) throw new Error(`no payment link ${id}`);
		link.status = 'expired';
		return { partner_tx_id: link.partner_tx_id, status: link.status };
	}

	/** Answers a payment-checkout request; false when the request is not one. */
	function route(request, bodyError, res) {
		const { method, path } = request;
		const byId = /^\/api\/payment-checkout\/([^/]+)$/.exec(path);
		const id = byId ? decodeURIComponent(byId[1]) : '';
		if (method === 'POST' && path === '/api/payment-checkout/create-v2')
			create(request, bodyError, res, false);
		else if (method === 'POST' && path === '/api/payment-checkout/create-invoice')
			create(request, bodyError, res, true);
		else if (method === 'GET' && path === '/api/payment-checkout/status') status(request, res);
		else if (byId && method === 'GET') get(request, res, id);
		else if (byId && method === 'DELETE') remove(request, res, id);
		else return false;
		return true;
	}

	return { route, pay, expire, find, links, paymentCallbacks, postPaymentCallback };
}

module.exports = { createOyPayments, jakartaText };
