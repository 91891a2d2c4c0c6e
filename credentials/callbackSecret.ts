import type { INodeProperties } from 'n8n-workflow';

/** The one field of both providers' callback credentials. */
export function callbackSecretProperties(provider: string, where: string): INodeProperties[] {
	return [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `What every ${provider} callback must carry: add "?secret=<this value>" to the callback URL you ${where}, or send it in the header X-Callback-Secret. Use a long random value (at least 16 characters).`,
		},
	];
}
