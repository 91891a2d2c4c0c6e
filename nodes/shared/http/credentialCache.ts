import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
} from 'n8n-workflow';

/**
 * Credential values read once per node run and handed to n8n with every request, instead of
 * n8n decrypting and resolving them again for each item.
 */
export class CredentialCache {
	private data: Promise<ICredentialDataDecryptedObject> | undefined;

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly type: string,
	) {}

	async get(itemIndex: number): Promise<ICredentialDataDecryptedObject> {
		this.data ??= this.ctx.getCredentials(this.type, itemIndex);
		return await this.data;
	}

	replace(data: ICredentialDataDecryptedObject): void {
		this.data = Promise.resolve(data);
	}

	/** the ID of the credential the node uses */
	get id(): string {
		return this.ctx.getNode().credentials?.[this.type]?.id ?? '';
	}

	/** the form n8n's request helper takes */
	decrypted(data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
		const name = this.ctx.getNode().credentials?.[this.type]?.name ?? this.type;
		return { id: this.id, name, type: this.type, data };
	}
}
