import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { bearer, fetchAccessToken, WAPPIN_DEFAULT_BASE_URL } from '../nodes/Wappin/token';

export class WappinApi implements ICredentialType {
	name = 'wappinApi';

	displayName = 'Wappin API';

	icon: Icon = {
		light: 'file:../nodes/Wappin/wappin.svg',
		dark: 'file:../nodes/Wappin/wappin.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-oy-wappin/n8n-nodes-oy-wappin#wappin-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The client ID of your Wappin project. In the Wappin dashboard: Integration → Notification (or Chatbot) → select the project.',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret key shown beside the client ID on the same project page',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			required: true,
			description: 'The ID of the Wappin project that owns your templates and WhatsApp number',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: WAPPIN_DEFAULT_BASE_URL,
			description: 'Leave as is for the real Wappin API. Change it only to use a test server.',
		},
		{
			// Fetched and renewed automatically: nobody ever copies a token by hand.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return { accessToken: await fetchAccessToken(this, credentials) };
	}

	// A function, not the generic form: n8n would evaluate an expression on every request, which
	// costs more CPU than the rest of a send (see the bulk benchmark).
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			...bearer(String(credentials.accessToken ?? '')),
		},
	});

	// The token request above runs first; this side-effect-free inquiry then proves the token works.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{($credentials.baseUrl || "${WAPPIN_DEFAULT_BASE_URL}").replace(/\\/+$/, "")}}`,
			url: '/v1/message/inquiry',
			method: 'POST',
			body: { message_id: 'n8n-credential-test' },
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: '401',
					message: 'Wappin rejected the access token (401 Invalid credential)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: '406',
					message: 'Wappin did not recognise the authorization (406)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: '407',
					message:
						"This n8n server's IP address is not whitelisted for the project (407): add it in the Wappin dashboard",
				},
			},
		],
	};
}
