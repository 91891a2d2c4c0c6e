// @ts-check
'use strict';
/**
 * Simulator of the OY! Indonesia and Wappin HTTP APIs, as described in shared/seeds and
 * shared/API-NOTES.md, for tests, benchmarks and the local demo. One port serves both.
 * Dev-only: it is not part of the published package.
 */
const http = require('node:http');
const crypto = require('node:crypto');
const { parseMultipart } = require('./multipart');
const { createOyPayments, jakartaText: jakartaTime } = require('./oyPayments');

const DEFAULTS = {
	oy: {
		username: 'oy-demo',
		apiKey: 'oy-demo-api-key',
		/** partner_tx_id → transaction; `queue: false` answers success_queued false, `legacy: true` answers success_sent */
		transactions: {
			'INV-001': { type: 'invoice' },
			'INV-002': { type: 'invoice' },
			'PL-001': { type: 'payment_link' },
			'PL-NOQUEUE': { type: 'payment_link', queue: false },
			'PL-LEGACY': { type: 'payment_link', legacy: true },
		},
		/** any partner_tx_id starting with this prefix is a known Payment Link (for bulk runs) */
		transactionPrefix: 'BULK-',
		/** a transaction may be sent once; a second send answers 203 */
		allowResend: false,
		ipAllowed: true,
		/** one minute of OY!'s payment-callback retry rule (1, 2, 13, 47 minutes), shortened */
		retryMinuteMs: 1000,
		/** a delayed settlement's second callback comes this long after the payment */
		settlementDelayMs: 3000,
	},
	wappin: {
		clientId: '0070',
		secretKey: 'wappin-demo-secret',
		projectId: '476',
		clientName: 'n8n-demo',
		projectName: 'N8N-DEMO',
		tokenLifetimeMs: 7 * 24 * 3600 * 1000,
		ipAllowed: true,
		/**
		 * name → { params: number of body variables, languages, active, media: header kinds or
		 * undefined, header: a text header with a variable, urlButton: a URL button with a variable,
		 * quickReplies: number of quick-reply buttons }
		 */
		templates: {
			payment_reminder: { params: 2, languages: ['id', 'en'], active: true },
			welcome_message: { params: 1, languages: ['id'], active: true },
			payment_thank_you: { params: 2, languages: ['id', 'en'], active: true },
			// the documentation's example: every part a template can have
			johan_test_button: {
				params: 4,
				languages: ['id'],
				active: true,
				header: true,
				urlButton: true,
				quickReplies: 3,
			},
			// its URL button is <n8n>/webhook-waiting/{{1}}: Send and Wait's link in the button
			payout_approval: {
				params: 1,
				languages: ['id', 'en'],
				active: true,
				header: true,
				urlButton: true,
				quickReplies: 2,
			},
			invoice_document: {
				params: 2,
				languages: ['id'],
				active: true,
				media: ['document', 'image'],
			},
			old_promo: { params: 0, languages: ['id'], active: false },
		},
		/** recipients that are not WhatsApp contacts: 601 on HSM/text, 600 on media */
		invalidRecipients: ['6280000000000'],
		/** recipients whose messages fail after "sent" */
		failingRecipients: ['6289999999999'],
	},
	/** time between status steps of a sent message (sent → delivered → read) */
	statusStepMs: 100,
	/** where status callbacks go; unset = none */
	callbackUrls: { oy: undefined, wappin: undefined, oyPayment: undefined },
	/** Wappin retries a callback 3 more times unless answered {"status":"000"} */
	wappinCallbackRetries: 3,
	wappinCallbackRetryDelayMs: 50,
	latencyMs: 0,
	/** extra random latency, 0 to this many ms, so answers come back out of order */
	latencyJitterMs: 0,
	/** the scripted chat model (POST /v1/chat/completions): the arguments of its tool call */
	chat: { toolArguments: {} },
};

const MEDIA_EXTENSIONS = {
	image: ['jpg', 'jpeg', 'png'],
	document: ['pdf', 'doc', 'docx', 'ppt', 'pptx', 'xls', 'xlsx'],
	audio: ['aac', 'm4a', 'mp3', 'ogg', 'opus'],
};

const unixSeconds = (ms) => String(Math.floor(ms / 1000));

function merge(base, extra) {
	const out = { ...base };
	for (const [key, value] of Object.entries(extra || {})) {
		out[key] =
			value &&
			typeof value === 'object' &&
			!Array.isArray(value) &&
			base[key] &&
			typeof base[key] === 'object'
				? { ...base[key], ...value }
				: value;
	}
	return out;
}

/**
 * @param {object} [options] overrides of DEFAULTS (nested objects are merged one level deep), plus `port`
 */
async function startSimulator(options = {}) {
	const config = merge(DEFAULTS, options);
	config.oy = merge(DEFAULTS.oy, options.oy);
	config.wappin = merge(DEFAULTS.wappin, options.wappin);

	/** every request, in order */
	const requests = [];
	/** every callback posted, with each attempt's answer */
	const callbacks = [];
	/** route path → list of pending faults */
	const faults = new Map();
	const timers = new Set();
	/** callbacks being posted */
	const inFlight = new Set();
	const track = (promise) => {
		inFlight.add(promise);
		promise.finally(() => inFlight.delete(promise));
		return promise;
	};
	const sockets = new Set();
	const sentOyTransactions = new Set();
	/** message_id → { provider, recipient, sentAt, fails, partnerTxId } */
	const messages = new Map();
	const tokens = new Map(); // token → expiresAt
	let currentToken;
	let tokenRejectionStatus = 200; // HTTP status used when a token is rejected (Wappin uses 200)
	const counters = { tokenRequests: 0, tokensIssued: 0, inFlight: 0, maxInFlight: 0 };

	const later = (ms, fn) => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			fn();
		}, ms);
		timers.add(timer);
	};

	// ------------------------------------------------------------------ message lifecycle
	function recordMessage(provider, recipient, extra = {}) {
		const id =
			provider === 'oy' ? crypto.randomUUID() : crypto.randomBytes(7).toString('hex').slice(0, 13);
		const fails = config.wappin.failingRecipients.includes(recipient);
		const message = { id, provider, recipient, sentAt: Date.now(), fails, ...extra };
		messages.set(id, message);
		scheduleCallbacks(message);
		return id;
	}

	function statusesOf(message) {
		return message.fails ? ['sent', 'failed'] : ['sent', 'delivered', 'read'];
	}

	function historyOf(message, now = Date.now()) {
		return statusesOf(message)
			.map((status, step) => ({ status, at: message.sentAt + step * config.statusStepMs }))
			.filter((entry) => entry.at <= now)
			.map((entry) => ({ status: entry.status, timestamp: unixSeconds(entry.at) }));
	}

	function scheduleCallbacks(message) {
		statusesOf(message).forEach((status, step) => {
			later(step * config.statusStepMs, () => {
				if (message.provider === 'oy' && config.callbackUrls.oy) {
					track(postCallback('oy', oyStatusCallback(message, status)));
				}
				if (message.provider === 'wappin' && config.callbackUrls.wappin) {
					track(postCallback('wappin', wappinStatusCallback(message, status)));
				}
			});
		});
	}

	function oyStatusCallback(message, status) {
		return {
			partner_tx_id: message.partnerTxId,
			whatsapp_number: message.recipient,
			message_id: message.id,
			status,
		};
	}

	function wappinStatusCallback(message, status) {
		return {
			message_id: message.id,
			client_id: config.wappin.clientId,
			client_name: config.wappin.clientName,
			project_id: config.wappin.projectId,
			project_name: config.wappin.projectName,
			sender_number: message.recipient,
			status_messages: status,
			message_content: '-',
			environment: 'PRODUCTION',
			timestamp: unixSeconds(Date.now()),
			callback_type: 'status',
		};
	}

	function wappinMessageCallback(from, text) {
		return {
			message_id: crypto.randomBytes(7).toString('hex').slice(0, 13),
			client_id: config.wappin.clientId,
			client_name: config.wappin.clientName,
			project_id: config.wappin.projectId,
			project_name: config.wappin.projectName,
			sender_number: from,
			status_messages: '-',
			message_content: text,
			environment: 'PRODUCTION',
			timestamp: unixSeconds(Date.now()),
			callback_type: 'message',
		};
	}

	/**
	 * Posts one callback the way the provider does (Wappin: retried unless answered {"status":"000"}).
	 * Resolves with the record of every attempt.
	 */
	async function postCallback(provider, payload, opts = {}) {
		const url = opts.url || config.callbackUrls[provider];
		if (!url) throw new Error(`no callback URL for ${provider}`);
		const record = { provider, url, payload, attempts: [] };
		callbacks.push(record);
		const maxAttempts =
			provider === 'wappin' && opts.retry !== false ? 1 + config.wappinCallbackRetries : 1;
		for (let attempt = 1; attempt <= maxAttempts; attempt++) {
			const answer = await postJson(url, opts.rawBody ?? JSON.stringify(payload), {
				'content-type': 'application/json',
				...(provider === 'wappin'
					? { authorization: `Bearer ${currentToken || 'callback-token'}` }
					: {}),
				...(opts.headers || {}),
			});
			record.attempts.push(answer);
			if (provider !== 'wappin' || isWappinAck(answer)) break;
			if (attempt < maxAttempts)
				await new Promise((r) => setTimeout(r, config.wappinCallbackRetryDelayMs));
		}
		return record;
	}

	function isWappinAck(answer) {
		try {
			return answer.status === 200 && JSON.parse(answer.body).status === '000';
		} catch {
			return false;
		}
	}

	function postJson(url, body, headers) {
		return new Promise((resolve) => {
			const req = http.request(url, { method: 'POST', headers, agent: callbackAgent }, (res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode, body: text }));
			});
			req.on('error', (error) => resolve({ status: 0, body: '', error: error.message }));
			req.setTimeout(30_000, () => req.destroy(new Error('callback timed out')));
			req.end(body);
		});
	}
	const callbackAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

	// ------------------------------------------------------------------ HTTP plumbing
	function send(res, status, payload, headers = {}) {
		const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
		res.writeHead(status, {
			'content-type': typeof payload === 'string' ? 'text/html; charset=utf-8' : 'application/json',
			'content-length': Buffer.byteLength(body),
			...headers,
		});
		res.end(body);
	}

	/** Applies the next fault queued for this path, if any. Returns true when it answered. */
	function applyFault(path, req, res) {
		const queue = faults.get(path) || faults.get('*');
		if (!queue || queue.length === 0) return false;
		const fault = queue[0];
		if (fault.times !== Infinity && --fault.times <= 0) queue.shift();
		switch (fault.type) {
			case 'status':
				send(
					res,
					fault.status,
					fault.body ?? { status: String(fault.status), message: 'Simulated error' },
					{
						...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}),
					},
				);
				return true;
			case 'html':
				send(
					res,
					fault.status ?? 502,
					'<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
				);
				return true;
			case 'body':
				res.writeHead(fault.status ?? 200, {
					'content-type': fault.contentType ?? 'application/json',
				});
				res.end(fault.body ?? '');
				return true;
			case 'reset':
				req.socket.destroy();
				return true;
			case 'hang':
				return true; // never answers; the client's timeout decides
			default:
				throw new Error(`unknown fault ${fault.type}`);
		}
	}

	const server = http.createServer((req, res) => {
		counters.inFlight++;
		counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
		let counted = true;
		const done = () => {
			if (counted) counters.inFlight--;
			counted = false;
		};
		res.on('close', done);
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const url = new URL(req.url || '/', 'http://simulator');
			const path = url.pathname.replace(/\/+$/, '') || '/';
			const contentType = String(req.headers['content-type'] || '');
			const record = {
				method: req.method,
				path,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				rawBody: raw,
				body: undefined,
				parts: undefined,
				at: Date.now(),
			};
			let bodyError;
			if (contentType.startsWith('multipart/form-data')) {
				try {
					record.parts = parseMultipart(raw, contentType);
					record.body = Object.fromEntries(
						record.parts.filter((p) => p.value !== undefined).map((p) => [p.name, p.value]),
					);
				} catch (error) {
					bodyError = error;
				}
			} else if (raw.length) {
				try {
					record.body = JSON.parse(raw.toString('utf8'));
				} catch (error) {
					bodyError = error;
				}
			}
			if (!path.startsWith('/__sim')) requests.push(record);
			const respond = () => {
				if (!path.startsWith('/__sim') && applyFault(path, req, res)) return;
				try {
					route(record, bodyError, res);
				} catch (error) {
					send(res, 500, { status: '999', message: `Simulator error: ${error.message}` });
				}
			};
			const latency = config.latencyMs + Math.random() * config.latencyJitterMs;
			if (latency > 0 && !path.startsWith('/__sim')) later(latency, respond);
			else respond();
		});
	});
	server.keepAliveTimeout = 65_000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	const payments = createOyPayments({
		send,
		authError: (request) => oyAuthError(request),
		postJson,
		later,
		track,
		config,
		baseUrl: () => api.url,
	});

	// ------------------------------------------------------------------ routes
	function route(request, bodyError, res) {
		if (payments.route(request, bodyError, res)) return undefined;
		const key = `${request.method} ${request.path}`;
		switch (key) {
			case 'POST /api/whatsapp/send-link':
				return oySendLink(request, bodyError, res);
			case 'GET /api/balance':
				return oyBalance(request, res);
			case 'POST /v1/token/get':
				return wappinToken(request, res);
			case 'POST /v1/message/do-send-hsm':
				return wappinSend(request, bodyError, res, 'hsm');
			case 'POST /v1/message/do-send-hsm-with-media':
				return wappinSend(request, bodyError, res, 'hsm-media');
			case 'POST /v1/message/do-send':
				return wappinSend(request, bodyError, res, 'text');
			case 'POST /v1/message/do-send-media':
				return wappinSend(request, bodyError, res, 'media');
			case 'POST /v1/message/inquiry':
				return wappinInquiry(request, bodyError, res);
			case 'POST /v1/chat/completions':
				return chatCompletion(request, res);
			default:
				if (request.path.startsWith('/__sim/')) return control(request, res);
				if (request.path.startsWith('/api/'))
					return send(res, 404, { status: { code: '404', message: 'Not Found' } });
				return send(res, 404, { status: '404', message: 'Not Found' });
		}
	}

	// OY! ---------------------------------------------------------------
	function oyAuthError(request) {
		const username = request.headers['x-oy-username'];
		const apiKey = request.headers['x-api-key'];
		if (!config.oy.ipAllowed) return [403, '207', 'Request IP Address is not registered'];
		if (username !== config.oy.username) return [403, '201', 'User ID is not found'];
		if (apiKey !== config.oy.apiKey) return [403, '208', 'API Key is not valid'];
		return undefined;
	}

	const oyError = (res, http, code, message) =>
		send(res, http, { status: { code, message }, data: null });

	function oySendLink(request, bodyError, res) {
		const auth = oyAuthError(request);
		if (auth) return oyError(res, ...auth);
		const body = request.body;
		if (bodyError || !body || typeof body !== 'object')
			return oyError(res, 400, '990', 'Invalid Format');
		const { partner_tx_id: txId, whatsapp_number: number } = body;
		if (typeof txId !== 'string' || txId === '' || txId.length > 255)
			return oyError(res, 400, '990', 'Invalid Format: partner_tx_id');
		if (typeof number !== 'string' || !/^62\d{8,13}$/.test(number)) {
			return oyError(res, 400, '990', 'Invalid Format: whatsapp_number must be 628xxxxxxxxxx');
		}
		const transaction =
			config.oy.transactions[txId] ??
			(payments.find(txId) || txId.startsWith(config.oy.transactionPrefix)
				? { type: 'payment_link' }
				: undefined);
		if (!transaction) return oyError(res, 200, '204', 'Partner Tx ID is not found');
		if (sentOyTransactions.has(txId) && !config.oy.allowResend) {
			return oyError(res, 200, '203', 'Duplicate Partner Tx Id');
		}
		sentOyTransactions.add(txId);
		const queued = transaction.queue !== false;
		const messageId = queued ? recordMessage('oy', number, { partnerTxId: txId }) : null;
		const data = { partner_tx_id: txId, whatsapp_number: number, message_id: messageId };
		data[transaction.legacy ? 'success_sent' : 'success_queued'] = queued;
		send(res, 200, { status: { code: '000', message: 'Success' }, data });
	}

	function oyBalance(request, res) {
		const auth = oyAuthError(request);
		if (auth) return oyError(res, ...auth);
		send(res, 200, {
			status: { code: '000', message: 'Success' },
			balance: 100000000.0,
			availableBalance: 100000000.0,
			overdraftBalance: 0,
			timestamp: jakartaTime(Date.now()).replace(/(\d+)-(\d+)-(\d+)/, '$3-$2-$1'),
		});
	}

	// Wappin ------------------------------------------------------------
	const wappinError = (res, status, message, extra = {}) =>
		send(res, 200, { status, message, ...extra });

	function wappinToken(request, res) {
		counters.tokenRequests++;
		if (!config.wappin.ipAllowed) return wappinError(res, '407', 'IP Address not allowed');
		const authorization = String(request.headers.authorization || '');
		if (!authorization.startsWith('Basic ')) return wappinError(res, '406', 'Auth not recognize');
		const [clientId, ...rest] = Buffer.from(authorization.slice(6), 'base64')
			.toString('utf8')
			.split(':');
		if (clientId !== config.wappin.clientId || rest.join(':') !== config.wappin.secretKey) {
			return wappinError(res, '401', 'Invalid credential', { data: null });
		}
		const now = Date.now();
		let message = 'Token not expired';
		if (!currentToken || (tokens.get(currentToken) ?? 0) <= now) {
			currentToken = crypto.randomBytes(32).toString('hex');
			tokens.set(currentToken, now + config.wappin.tokenLifetimeMs);
			counters.tokensIssued++;
			message = 'Success';
		}
		send(res, 200, {
			status: '200',
			message,
			data: {
				access_token: currentToken,
				expired_datetime: jakartaTime(tokens.get(currentToken)),
				token_type: 'access_token',
			},
		});
	}

	/** undefined when the Bearer token is valid, else [httpStatus, body] to answer */
	function wappinAuthError(request) {
		if (!config.wappin.ipAllowed)
			return [200, { status: '407', message: 'IP Address not allowed' }];
		const authorization = String(request.headers.authorization || '');
		if (!authorization.startsWith('Bearer '))
			return [200, { status: '406', message: 'Auth not recognize' }];
		const expiresAt = tokens.get(authorization.slice(7));
		if (!expiresAt || expiresAt <= Date.now()) {
			return [tokenRejectionStatus, { status: '401', message: 'Invalid credential', data: null }];
		}
		return undefined;
	}

	function wappinSend(request, bodyError, res, kind) {
		const auth = wappinAuthError(request);
		if (auth) return send(res, auth[0], auth[1]);
		const multipart = kind === 'hsm-media' || kind === 'media';
		if (multipart !== Boolean(request.parts))
			return wappinError(res, '400', 'Error no input received');
		const body = request.body;
		if (bodyError || !body || typeof body !== 'object' || Object.keys(body).length === 0) {
			return wappinError(res, '400', 'Error no input received');
		}
		if (
			String(body.client_id) !== config.wappin.clientId ||
			String(body.project_id) !== config.wappin.projectId
		) {
			return wappinError(res, '400', 'Project ID or Client ID cannot be process.');
		}
		const recipient = body.recipient_number;
		if (typeof recipient !== 'string' || !/^(62|0)\d{8,13}$/.test(recipient)) {
			return wappinError(res, '400', 'Error no input received');
		}
		const normalized = recipient.replace(/^0/, '62');

		let media;
		if (multipart) {
			media = request.parts.find((p) => p.name === 'media' && p.filename !== undefined);
			if (!media || media.data.length === 0)
				return wappinError(res, '400', 'Error no input received');
		}

		if (kind === 'hsm' || kind === 'hsm-media') {
			const template = config.wappin.templates[body.type];
			if (!template || !template.active)
				return wappinError(res, '404', 'API Notification Template not found or inactive');
			if (body.language_code && !template.languages.includes(body.language_code)) {
				return wappinError(res, '404', 'API Notification Template not found or inactive');
			}
			let params = body.params;
			let button = body.button;
			if (kind === 'hsm-media') {
				try {
					params = params === undefined ? undefined : JSON.parse(params);
					button = button === undefined ? undefined : JSON.parse(button);
				} catch {
					return wappinError(res, '400', 'Error no input received');
				}
				if (!mediaKindOf(media.filename, template.media || ['image', 'document'])) {
					return wappinError(res, '605', 'Upload Media Failed');
				}
			}
			if (
				params !== undefined &&
				(typeof params !== 'object' || params === null || Array.isArray(params))
			) {
				return wappinError(res, '400', 'Error no input received');
			}
			if (Object.keys(params || {}).length !== template.params) {
				return wappinError(res, '400', 'Message param count do not match');
			}
			if (button !== undefined && (typeof button !== 'object' || button === null)) {
				return wappinError(res, '400', 'Error no input received');
			}
			// the JSON call fills the text header, the URL button and the quick replies; in the media
			// call the file is the header
			if (kind === 'hsm' && !templatePartsMatch(template, body.header, button)) {
				return wappinError(res, '400', 'Message param count do not match');
			}
		}

		if (
			kind === 'text' &&
			(typeof body.message_content !== 'string' || body.message_content === '')
		) {
			return wappinError(res, '400', 'Error no input received');
		}

		if (kind === 'media') {
			const allowed = MEDIA_EXTENSIONS[body.media_type];
			if (!allowed || !mediaKindOf(media.filename, [body.media_type]))
				return wappinError(res, '605', 'Upload Media Failed');
		}

		if (config.wappin.invalidRecipients.includes(normalized)) {
			const id = crypto.randomBytes(7).toString('hex').slice(0, 13);
			return kind === 'media'
				? wappinError(res, '600', 'Not delivered, Contact validate Failed', { message_id: id })
				: wappinError(res, '601', 'Contact invalid', { message_id: id });
		}
		const messageId = recordMessage('wappin', normalized);
		const answer = { message_id: messageId, status: '200', message: 'Success' };
		send(res, 200, kind === 'text' || kind === 'media' ? { ...answer, data: null } : answer);
	}

	/** WhatsApp wants exactly the header and URL variables a template has, and no more payloads than buttons. */
	function templatePartsMatch(template, header, button) {
		const hasHeader = typeof header?.param === 'string' && header.param !== '';
		const hasUrl = typeof button?.url === 'string' && button.url !== '';
		const payloads = Object.keys(button?.reply_payload ?? {}).length;
		return (
			hasHeader === Boolean(template.header) &&
			hasUrl === Boolean(template.urlButton) &&
			payloads <= (template.quickReplies ?? 0)
		);
	}

	function mediaKindOf(filename, kinds) {
		const extension = String(filename || '')
			.split('.')
			.pop()
			.toLowerCase();
		return kinds.find((kind) => MEDIA_EXTENSIONS[kind]?.includes(extension));
	}

	function wappinInquiry(request, bodyError, res) {
		const auth = wappinAuthError(request);
		if (auth) return send(res, auth[0], auth[1]);
		const id = request.body?.message_id;
		if (bodyError || typeof id !== 'string' || id === '')
			return wappinError(res, '400', 'Error no input received');
		const message = messages.get(id);
		if (!message || message.provider !== 'wappin') return wappinError(res, '404', 'Data not Found');
		send(res, 200, { message_id: id, status: '200', message: 'Success', data: historyOf(message) });
	}

	// A scripted OpenAI-compatible chat model (Chat Completions, no streaming), so n8n's AI Agent
	// runs offline: while no tool has answered, it calls the first tool offered with
	// config.chat.toolArguments; then it answers with text quoting the conversation's last message
	// (the tool's result, or the agent's note that a person declined the call).
	let chatCalls = 0;
	function chatCompletion(request, res) {
		const { messages = [], tools = [], model = 'scripted' } = request.body || {};
		const last = messages[messages.length - 1];
		const toolAnswered = messages.some((message) => message.role === 'tool');
		const tool = tools[0]?.function;
		const id = `call_${++chatCalls}`;
		const message =
			tool && !toolAnswered
				? {
						role: 'assistant',
						content: null,
						tool_calls: [
							{
								id,
								type: 'function',
								function: { name: tool.name, arguments: JSON.stringify(config.chat.toolArguments) },
							},
						],
					}
				: {
						role: 'assistant',
						content: `Done. Last message: ${JSON.stringify(last?.content ?? '')}`,
					};
		send(res, 200, {
			id: `chatcmpl-${chatCalls}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model,
			choices: [{ index: 0, message, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }],
			usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
		});
	}

	// Control endpoints for the standalone simulator (tests use the object API) ------------
	function control(request, res) {
		const body = request.body || {};
		switch (request.path) {
			case '/__sim/requests':
				return send(
					res,
					200,
					requests.map(({ rawBody, parts, ...rest }) => ({
						...rest,
						parts: parts?.map((p) => ({ ...p, data: undefined, size: p.data.length })),
					})),
				);
			case '/__sim/config':
				if (request.method === 'POST') api.configure(body);
				return send(res, 200, {
					latencyMs: config.latencyMs,
					callbackUrls: config.callbackUrls,
					statusStepMs: config.statusStepMs,
				});
			case '/__sim/counters':
				return send(res, 200, counters);
			case '/__sim/expire-tokens':
				api.expireTokens(body);
				return send(res, 200, { ok: true });
			case '/__sim/fault':
				api.fault(body.path, body);
				return send(res, 200, { ok: true });
			case '/__sim/pay':
				try {
					return send(res, 200, api.payLink(body));
				} catch (error) {
					return send(res, 400, { message: error.message });
				}
			case '/__sim/expire-link':
				try {
					return send(res, 200, api.expireLink(body.id));
				} catch (error) {
					return send(res, 400, { message: error.message });
				}
			case '/__sim/incoming-message':
				api.sendIncomingMessage(body.from, body.text).then((r) => send(res, 200, r));
				return undefined;
			default:
				return send(res, 404, { message: 'unknown control endpoint' });
		}
	}

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', resolve);
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());

	const api = {
		url: `http://127.0.0.1:${address.port}`,
		/** credential data of both providers pointing at this simulator */
		credentialData: () => credentialData(`http://127.0.0.1:${address.port}`, config),
		port: address.port,
		config,
		requests,
		callbacks,
		counters,
		messages,
		/** requests to one path */
		requestsTo: (path) => requests.filter((r) => r.path === path),
		clearRequests() {
			requests.length = 0;
		},
		configure(changes) {
			if (changes.latencyMs !== undefined) config.latencyMs = Number(changes.latencyMs);
			if (changes.latencyJitterMs !== undefined)
				config.latencyJitterMs = Number(changes.latencyJitterMs);
			if (changes.statusStepMs !== undefined) config.statusStepMs = Number(changes.statusStepMs);
			if (changes.callbackUrls)
				config.callbackUrls = { ...config.callbackUrls, ...changes.callbackUrls };
			if (changes.oy) Object.assign(config.oy, changes.oy);
			if (changes.wappin) Object.assign(config.wappin, changes.wappin);
			if (changes.chat) Object.assign(config.chat, changes.chat);
		},
		/**
		 * Queue a fault for a path ('*' = any): { type: 'status', status, retryAfter?, body? } | { type: 'html' }
		 * | { type: 'body', status?, body, contentType? } | { type: 'reset' } | { type: 'hang' }; `times` (default 1).
		 */
		fault(path, fault) {
			const queue = faults.get(path) || [];
			queue.push({ ...fault, times: fault.times ?? 1 });
			faults.set(path, queue);
		},
		clearFaults() {
			faults.clear();
		},
		/** Every Wappin token stops working; `signal: 'http'` answers HTTP 401 instead of 200 with status "401". */
		expireTokens({ signal = 'body' } = {}) {
			for (const token of tokens.keys()) tokens.set(token, 0);
			tokenRejectionStatus = signal === 'http' ? 401 : 200;
		},
		/** a Wappin chat message from a WhatsApp user, posted to the Wappin callback URL */
		sendIncomingMessage(from, text, opts = {}) {
			return postCallback('wappin', wappinMessageCallback(from, text), opts);
		},
		/** post any callback body (duplicates, forgeries); opts: { url, headers, retry, rawBody } */
		postCallback,
		/** payment_link_id → the Payment Links and Invoices created */
		paymentLinks: payments.links,
		/** payment callbacks posted (to callbackUrls.oyPayment), each with its attempts */
		paymentCallbacks: payments.paymentCallbacks,
		/**
		 * A customer pays a link: { id (payment_link_id or partner_tx_id), amount? (open links),
		 * settlement?: 'realtime' | 'delayed', paymentMethod? }. Returns the payment callback's body.
		 */
		payLink: (payment) => payments.pay(payment),
		/** the link expires unpaid */
		expireLink: (id) => payments.expire(id),
		/** posts a payment callback body as OY! does (retried when the answer fails); opts: { url, retry } */
		postPaymentCallback: (payload, opts) => payments.postPaymentCallback(payload, opts),
		wappinStatusCallback: (messageId, status) => {
			const message = messages.get(messageId);
			if (!message) throw new Error(`unknown message ${messageId}`);
			return wappinStatusCallback(message, status);
		},
		oyStatusCallback: (messageId, status) => {
			const message = messages.get(messageId);
			if (!message) throw new Error(`unknown message ${messageId}`);
			return oyStatusCallback(message, status);
		},
		wappinMessageCallback,
		/** resolves when every scheduled callback has been posted */
		async settle() {
			while (timers.size > 0 || inFlight.size > 0) {
				await Promise.all([...inFlight]);
				if (timers.size > 0) await new Promise((r) => setTimeout(r, 10));
			}
		},
		async close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			callbackAgent.destroy();
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
	return api;
}

/** Credential data (by credential type) of both providers pointing at a simulator at `url`. */
function credentialData(url, config = DEFAULTS) {
	const { wappin, oy } = config;
	return {
		wappinApi: {
			clientId: wappin.clientId,
			secretKey: wappin.secretKey,
			projectId: wappin.projectId,
			baseUrl: url,
		},
		oyApi: { username: oy.username, apiKey: oy.apiKey, environment: 'custom', baseUrl: url },
	};
}

module.exports = { startSimulator, credentialData, DEFAULTS };
