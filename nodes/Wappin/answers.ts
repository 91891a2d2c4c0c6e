import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ProviderAnswer } from '../shared/http/providerAnswer';
import { describeUnexpectedBody, isJsonObject } from '../shared/http/providerAnswer';
import { providerRefused } from '../shared/http/sendToProvider';

/**
 * Wappin's answers turned into output or errors. Wappin answers most errors as HTTP 200 with a
 * code in the body: a call succeeded only when the body's status is "200" and HTTP is below 400.
 */

const RECIPIENT_NOT_ON_WHATSAPP =
	'The recipient is not a valid WhatsApp contact. Check that the number is registered on WhatsApp.';

const CODE_ADVICE: Record<string, string> = {
	'400':
		'Wappin could not process the request. Check that the number of body parameters matches the template, and that the client ID and project ID in the credential belong together.',
	'401':
		'Wappin rejected the credentials or the access token. A new token was requested once; check the client ID and secret key in the credential.',
	'404': 'Not found.',
	'406':
		'Wappin did not recognise the authorization. Check the client ID and secret key in the credential.',
	'407':
		"This n8n server's IP address is not allowed. Add it to the project's IP whitelist in the Wappin dashboard (Integration → Notification or Chatbot).",
	'600': RECIPIENT_NOT_ON_WHATSAPP,
	'601': RECIPIENT_NOT_ON_WHATSAPP,
	'605':
		'Wappin could not accept the media. Check the media type and that the file is a PDF, DOC(X), PPT(X), XLS(X), JPG, PNG, AAC, M4A, MP3, OGG or OPUS file.',
	'429':
		'Wappin is receiving too many requests. Lower the concurrency or set a maximum number of requests per second in the node options.',
	'503': 'Wappin is temporarily unavailable. Try again later.',
};

/** notFound: what Wappin's 404 means for this call */
function adviceFor(code: string, notFound: string | undefined): string {
	if (code === '404' && notFound) return notFound;
	if (CODE_ADVICE[code]) return CODE_ADVICE[code];
	if (/^5\d\d$/.test(code)) {
		return 'Wappin failed while handling the request. The message may or may not have been sent: check its status before sending it again.';
	}
	return 'Wappin did not accept the request.';
}

export function isTokenRejected(answer: ProviderAnswer): boolean {
	return (
		answer.statusCode === 401 || (isJsonObject(answer.json) && String(answer.json.status) === '401')
	);
}

/** The body of a successful answer, or the error that says what went wrong and what to do. */
export function interpretAnswer(
	node: INode,
	answer: ProviderAnswer,
	itemIndex: number,
	notFound?: string,
): IDataObject {
	const body = answer.json;
	const refused = (error: NodeApiError, code: string) =>
		providerRefused(error, /^5\d\d$/.test(code) && code !== '503');
	if (!isJsonObject(body)) {
		const code = String(answer.statusCode);
		throw refused(
			new NodeApiError(node, { message: 'unexpected answer' } as JsonObject, {
				message: `Wappin answered HTTP ${answer.statusCode} with ${describeUnexpectedBody(answer)}, not with its JSON API format`,
				description:
					answer.statusCode >= 500
						? adviceFor(String(answer.statusCode), notFound)
						: "Check the base URL in the Wappin credential (the real API is https://api.wappin.id). If it is right, Wappin's API may be having problems.",
				httpCode: code,
				itemIndex,
			}),
			code,
		);
	}
	const status = body.status === undefined || body.status === null ? '' : String(body.status);
	if (answer.statusCode < 400 && status === '200') return body as IDataObject;
	const code = status && status !== '200' ? status : String(answer.statusCode);
	const providerMessage =
		typeof body.message === 'string' && body.message ? body.message : 'no message';
	throw refused(
		new NodeApiError(node, body as JsonObject, {
			message: `Wappin error ${code}: ${providerMessage}`,
			description: adviceFor(code, notFound),
			httpCode: code,
			itemIndex,
		}),
		code,
	);
}
