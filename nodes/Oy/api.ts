import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * What both the OY! credential and the OY! transport need to know about OY!'s API: where it is
 * and what its status codes mean. Credentials import only this file from nodes/.
 */

export const OY_BASE_URLS: Record<string, string> = {
	production: 'https://partner.oyindonesia.com',
	staging: 'https://api-stg.oyindonesia.com',
};

/** How an OY! request identifies the business: the credential and the transport both send these. */
export function oyAuthHeaders(credentials: ICredentialDataDecryptedObject): Record<string, string> {
	return {
		'X-Oy-Username': String(credentials.username ?? ''),
		'X-Api-Key': String(credentials.apiKey ?? ''),
	};
}

export function oyBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom') {
		return String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
	}
	return OY_BASE_URLS[String(credentials.environment)] ?? OY_BASE_URLS.production;
}

/**
 * oyBaseUrl() for the credential test, whose request takes only a string: an expression over the
 * same table, so the addresses are written once.
 */
export const OY_BASE_URL_EXPRESSION =
	'={{ $credentials.environment === "custom" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : ' +
	`(${JSON.stringify(OY_BASE_URLS)}[$credentials.environment] || "${OY_BASE_URLS.production}") }}`;

/** OY's status codes with what they mean and what to do. */
export const OY_ERROR_CODES: Record<string, string> = {
	'000': 'Success',
	'201': 'The OY! user ID was not found. Check the username in the credential.',
	'202': 'The OY! user is not active. Contact your OY! business representative.',
	'203':
		'A request with this partner transaction ID was already made. Use the ID of another transaction.',
	'204':
		'The partner transaction ID was not found. It must be an existing Payment Link or Invoice transaction.',
	'206': 'The OY! balance is not enough.',
	'207':
		"This n8n server's IP address is not registered with OY!. Ask your OY! business representative to add it for this environment.",
	'208':
		'The API key is not valid. Check the API key and the environment (staging and production keys differ).',
	'257':
		'A request with this partner transaction ID is still being processed. Wait before trying again.',
	'300': 'OY! could not send the message.',
	'429':
		'Too many requests. Lower the concurrency or set a maximum number of requests per second in the node options.',
	'900': 'The request format is invalid.',
	'990': 'The request format is invalid. Check the partner transaction ID and the WhatsApp number.',
	'999':
		'OY! had an internal error. The message may or may not have been queued: check before sending it again.',
};
