// Types of the simulator (plain JavaScript, so it also runs outside TypeScript: npm run simulator, e2e).
import type { IncomingHttpHeaders } from 'node:http';

export interface SimulatedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	body: any;
	parts?: Array<{
		name: string;
		filename?: string;
		contentType?: string;
		data: Buffer;
		value?: string;
	}>;
	at: number;
}

export interface CallbackRecord {
	provider: 'oy' | 'wappin';
	url: string;
	payload: any;
	attempts: Array<{ status: number; body: string; error?: string }>;
}

export interface PaymentCallbackRecord {
	provider: 'oyPayment';
	url: string;
	payload: any;
	attempts: Array<{ status: number; body: string; error?: string }>;
}

export interface Fault {
	type: 'status' | 'html' | 'body' | 'reset' | 'hang';
	status?: number;
	retryAfter?: number;
	body?: any;
	contentType?: string;
	times?: number;
}

export interface SimulatorCredentialData {
	wappinApi: { clientId: string; secretKey: string; projectId: string; baseUrl: string };
	oyApi: { username: string; apiKey: string; environment: 'custom'; baseUrl: string };
}

export interface Simulator {
	url: string;
	credentialData(): SimulatorCredentialData;
	port: number;
	config: any;
	requests: SimulatedRequest[];
	callbacks: CallbackRecord[];
	counters: { tokenRequests: number; tokensIssued: number; inFlight: number; maxInFlight: number };
	messages: Map<string, any>;
	requestsTo(path: string): SimulatedRequest[];
	clearRequests(): void;
	configure(changes: any): void;
	fault(path: string, fault: Fault): void;
	clearFaults(): void;
	expireTokens(options?: { signal?: 'body' | 'http' }): void;
	sendIncomingMessage(
		from: string,
		text: string,
		options?: CallbackOptions,
	): Promise<CallbackRecord>;
	postCallback(
		provider: 'oy' | 'wappin',
		payload: any,
		options?: CallbackOptions,
	): Promise<CallbackRecord>;
	wappinStatusCallback(messageId: string, status: string): any;
	oyStatusCallback(messageId: string, status: string): any;
	wappinMessageCallback(from: string, text: string): any;
	/** payment_link_id → the Payment Links and Invoices created */
	paymentLinks: Map<string, any>;
	/** payment callbacks posted to callbackUrls.oyPayment, each with its attempts */
	paymentCallbacks: PaymentCallbackRecord[];
	/** a customer pays a link (by payment_link_id or partner_tx_id); returns the callback body */
	payLink(payment: {
		id?: string;
		amount?: number;
		settlement?: 'realtime' | 'delayed';
		paymentMethod?: string;
	}): any;
	/** the link expires unpaid */
	expireLink(id: string): { partner_tx_id: string; status: string };
	/** posts a payment callback body as OY! does (retried when the answer fails) */
	postPaymentCallback(
		payload: any,
		options?: { url?: string; retry?: boolean },
	): PaymentCallbackRecord | undefined;
	settle(): Promise<void>;
	close(): Promise<void>;
}

export interface CallbackOptions {
	url?: string;
	headers?: Record<string, string>;
	retry?: boolean;
	rawBody?: string;
}

export function startSimulator(options?: any): Promise<Simulator>;
export const DEFAULTS: any;
export function credentialData(url: string, config?: any): SimulatorCredentialData;
