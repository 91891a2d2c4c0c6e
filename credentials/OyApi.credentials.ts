import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { OY_BASE_URL_EXPRESSION, OY_ERROR_CODES, oyAuthHeaders } from '../nodes/Oy/api';

export class OyApi implements ICredentialType {
	name = 'oyApi';

	displayName = 'OY! Indonesia API';

	icon: Icon = { light: 'file:../nodes/Oy/oy.svg', dark: 'file:../nodes/Oy/oy.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-oy-wappin/n8n-nodes-oy-wappin#oy-indonesia-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'Your OY! business account username (sent as X-Oy-Username)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API key from the OY! dashboard (Settings → Developer Option → API Keys). Staging and production have different keys.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'https://partner.oyindonesia.com' },
				{ name: 'Staging', value: 'staging', description: 'https://api-stg.oyindonesia.com' },
				{ name: 'Custom', value: 'custom', description: 'Another base URL, e.g. a test server' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://oy-sandbox.example.com',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	// A function, not the generic form: n8n would evaluate two expressions on every request.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			...oyAuthHeaders(credentials),
			Accept: 'application/json',
		},
	});

	// GET /api/balance checks the key and the registered IP and changes nothing. OY! refuses a wrong
	// key or IP with HTTP 403 and its code in the body: the body is read whatever the HTTP status, so
	// the person sees OY!'s reason instead of a bare "Forbidden".
	test: ICredentialTestRequest = {
		request: {
			baseURL: OY_BASE_URL_EXPRESSION,
			url: '/api/balance',
			method: 'GET',
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			...Object.entries(OY_ERROR_CODES)
				.filter(([code]) => code !== '000')
				.map(([code, meaning]) => ({
					type: 'responseSuccessBody' as const,
					properties: {
						key: 'status.code',
						value: code,
						message: `OY! answered ${code}: ${meaning}`,
					},
				})),
			{
				// no OY! status at all: an HTML page, another server, a wrong path
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'status.code',
					value: undefined,
					message:
						"The Base URL did not answer like OY!'s API. Check the Environment (and the Base URL if Custom).",
				},
			},
		],
	};
}
