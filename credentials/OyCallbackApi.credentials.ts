import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { callbackSecretProperties } from './callbackSecret';

/** The secret OY!'s callbacks must carry, kept out of the workflow (the trigger reads it here). */
export class OyCallbackApi implements ICredentialType {
	name = 'oyCallbackApi';

	displayName = 'OY! Indonesia Callback API';

	icon: Icon = { light: 'file:../nodes/Oy/oy.svg', dark: 'file:../nodes/Oy/oy.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-oy-wappin/n8n-nodes-oy-wappin#callback-secrets';

	properties: INodeProperties[] = callbackSecretProperties(
		'OY!',
		'give your OY! business representative',
	);
}
