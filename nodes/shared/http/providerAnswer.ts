import type { IN8nHttpFullResponse } from 'n8n-workflow';

/** What a provider answered, before anyone decides whether it is a success. */
export interface ProviderAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	/** the body as received */
	text: string;
	/** the body parsed as JSON, or undefined when it is not JSON */
	json: unknown;
}

export function toAnswer(response: IN8nHttpFullResponse): ProviderAnswer {
	const body = response.body as unknown;
	const text =
		typeof body === 'string'
			? body
			: Buffer.isBuffer(body)
				? body.toString('utf8')
				: JSON.stringify(body ?? '');
	return {
		statusCode: response.statusCode,
		headers: response.headers ?? {},
		text,
		json: parseJson(text),
	};
}

export function parseJson(text: string): unknown {
	const trimmed = text.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return undefined;
	}
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, safe excerpt of a body that is not what the provider normally sends. */
export function describeUnexpectedBody(answer: ProviderAnswer): string {
	const text = answer.text.trim();
	if (text === '') return 'an empty body';
	if (/^<(!doctype|html)/i.test(text)) {
		const title = /<title>([^<]{0,120})<\/title>/i.exec(text)?.[1]?.trim();
		return `an HTML page${title ? ` ("${title}")` : ''}`;
	}
	return `"${text.slice(0, 120)}${text.length > 120 ? '…' : ''}"`;
}
