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

	/** the credential the node uses (n8n copies the whole node on every getNode(): read once) */
	private readonly selected: { id: string; name: string };

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly type: string,
	) {
		const selected = ctx.getNode().credentials?.[type];
		this.selected = { id: selected?.id ?? '', name: selected?.name ?? type };
	}

	async get(itemIndex: number): Promise<ICredentialDataDecryptedObject> {
		this.data ??= this.ctx.getCredentials(this.type, itemIndex);
		return await this.data;
	}

	replace(data: ICredentialDataDecryptedObject): void {
		this.data = Promise.resolve(data);
	}

	/** the ID of the credential the node uses */
	get id(): string {
		return this.selected.id;
	}

	/** the form n8n's request helper takes */
	decrypted(data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
		return { ...this.selected, type: this.type, data };
	}
}
