import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { callbackSecretProperties } from './callbackSecret';

/** The secret Wappin's callbacks must carry, kept out of the workflow (the trigger reads it here). */
export class WappinCallbackApi implements ICredentialType {
	name = 'wappinCallbackApi';

	displayName = 'Wappin Callback API';

	icon: Icon = {
		light: 'file:../nodes/Wappin/wappin.svg',
		dark: 'file:../nodes/Wappin/wappin.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-oy-wappin/n8n-nodes-oy-wappin#callback-secrets';

	properties: INodeProperties[] = callbackSecretProperties(
		'Wappin',
		'paste in the Wappin dashboard',
	);
}
