import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
	INodeProperties,
	IWebhookDescription,
} from 'n8n-workflow';

import { SECRET_IN_CREDENTIAL_VERSION, allowedIpsOptionField, secretOptionField } from './guard';

/**
 * The webhook both triggers declare. The answer is returned from webhook() and sent by n8n
 * once the execution exists (responseData '' stops n8n from answering "firstEntryJson").
 */
export const callbackWebhook: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	responseData: '',
	path: 'callback',
};

/** No provider has an API for callback URLs: the user pastes the URL, so there is nothing to register. */
export const pastedUrlWebhookMethods = {
	default: {
		async checkExists(): Promise<boolean> {
			return true;
		},
		async create(): Promise<boolean> {
			return true;
		},
		async delete(): Promise<boolean> {
			return true;
		},
	},
};

const withCredential = { '@version': [{ _cnd: { gte: SECRET_IN_CREDENTIAL_VERSION } }] };
const withSecretOption = { '@version': [{ _cnd: { lt: SECRET_IN_CREDENTIAL_VERSION } }] };

/**
 * How a callback proves it comes from the provider, and the options: versions before 2 keep the
 * secret in `options.secret` (saved workflows run unchanged, with a notice to move it); from 2 on,
 * `authentication` reads it from a credential, which n8n never exports with the workflow.
 */
export function callbackGuardFields(
	credentialDisplayName: string,
	options: { allowedIpsHint?: string; ownOptions?: INodeProperties[] } = {},
): INodeProperties[] {
	const allowedIps = options.allowedIpsHint
		? {
				...allowedIpsOptionField,
				description: `${allowedIpsOptionField.description} ${options.allowedIpsHint}`,
			}
		: allowedIpsOptionField;
	return [
		{
			displayName: `A secret set under Options is stored in this workflow and leaves with every download, copy, template or Git push. To keep it in a "${credentialDisplayName}" credential instead, add this trigger again from the nodes panel (the new version), choose that credential with the same secret, and give the provider the new node's Production URL.`,
			name: 'secretInWorkflowNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: withSecretOption },
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Callback Secret',
					value: 'callbackSecret',
					description: `Callbacks must carry the secret of a "${credentialDisplayName}" credential`,
				},
				{
					name: 'None',
					value: 'none',
					description: 'Accept callbacks without a secret (limit them with Allowed IPs)',
				},
			],
			default: 'callbackSecret',
			displayOptions: { show: withCredential },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [secretOptionField, allowedIps],
			displayOptions: { show: withSecretOption },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [allowedIps, ...(options.ownOptions ?? [])],
			displayOptions: { show: withCredential },
		},
	];
}

/** The credential's Test button: nothing to call, the secret is checked where it is. */
export async function callbackSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secret = String(credential.data?.secret ?? '');
	if (secret.length < 16) {
		return {
			status: 'Error',
			message: 'Use a random secret of at least 16 characters, so it cannot be guessed',
		};
	}
	return {
		status: 'OK',
		message:
			'Callbacks must carry this secret as ?secret=… in their URL or in the header X-Callback-Secret',
	};
}

export function statusFilterField(statuses: string[], description: string): INodeProperties {
	return {
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: statuses.map((status) => ({
			name: status[0].toUpperCase() + status.slice(1),
			value: status,
		})),
		default: [],
		description,
	};
}

/** Lower-cased text of a field, or undefined when it is missing or not text. */
export function lowerText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim().toLowerCase();
	if (typeof value === 'number') return String(value);
	return undefined;
}
