import type { IWebhookFunctions } from 'n8n-workflow';

const MAX_UNPARSED_BODY_BYTES = 1024 * 1024;

/**
 * The parsed body; n8n leaves a body without a JSON, text or form content type unread for
 * trigger versions above 1, so such a body is read and parsed as JSON here.
 */
export async function readBody(ctx: IWebhookFunctions): Promise<unknown> {
	const body = ctx.getBodyData() as unknown;
	const request = ctx.getRequestObject();
	const unread = request.readable === true && !request.readableEnded;
	if (
		!unread ||
		(body !== undefined && !(typeof body === 'object' && body && Object.keys(body).length === 0))
	)
		return body;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_UNPARSED_BODY_BYTES) return undefined;
		chunks.push(chunk);
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}
