/**
 * Credentials for the harness: a CredentialStore (the "database" of decrypted credential data,
 * one credential per type) and HarnessCredentialsHelper, our implementation of n8n-workflow's
 * ICredentialsHelper that behaves like n8n's production CredentialsHelper
 * (packages/cli/src/credentials-helper.ts): defaults applied on read, generic and function
 * `authenticate`, `preAuthentication` for expirable fields persisted back into the store.
 */
import { getAdditionalKeys } from 'n8n-core';
import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	isExpression,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';

export type CredentialsMap = Record<string, ICredentialDataDecryptedObject>;

export interface CredentialUpdate {
	type: string;
	data: ICredentialDataDecryptedObject;
	/** 'update' = updateCredentials (e.g. preAuthentication), 'oauth' = OAuth token data */
	kind: 'update' | 'oauth';
}

const clone = <T>(value: T): T => structuredClone(value);

/** Decrypted credential data per credential type, shared by several harness calls. */
export class CredentialStore {
	private readonly data = new Map<string, ICredentialDataDecryptedObject>();

	/** every write made by n8n through the credentials helper, in order */
	readonly updates: CredentialUpdate[] = [];

	constructor(initial: CredentialsMap = {}) {
		for (const [type, data] of Object.entries(initial)) this.set(type, data);
	}

	set(type: string, data: ICredentialDataDecryptedObject): this {
		this.data.set(type, clone(data));
		return this;
	}

	has(type: string): boolean {
		return this.data.has(type);
	}

	/** a copy of the stored data (like a fresh decrypt from the database) */
	get(type: string): ICredentialDataDecryptedObject {
		const data = this.data.get(type);
		if (!data) throw new UnexpectedError(`No test credentials of type "${type}" in the store`);
		return clone(data);
	}

	types(): string[] {
		return [...this.data.keys()];
	}

	/** the reference a workflow node holds for this type */
	ref(type: string): { id: string; name: string } {
		return { id: `test-${type}`, name: `${type} (test)` };
	}

	/** called by the credentials helper when n8n persists credential data */
	record(type: string, data: ICredentialDataDecryptedObject, kind: CredentialUpdate['kind']) {
		this.data.set(type, clone(data));
		this.updates.push({ type, data: clone(data), kind });
	}
}

export const toCredentialStore = (credentials?: CredentialsMap | CredentialStore) =>
	credentials instanceof CredentialStore ? credentials : new CredentialStore(credentials ?? {});

/** ICredentials over the store (n8n's Credentials class would also encrypt; not needed here) */
class StoredCredentials extends ICredentials {
	constructor(
		ref: INodeCredentialsDetails,
		type: string,
		private readonly store: CredentialStore,
	) {
		super(ref, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return this.store.get(this.type);
	}

	getDataToSave(): ICredentialsEncrypted {
		return {
			id: this.id,
			name: this.name,
			type: this.type,
			data: JSON.stringify(this.store.get(this.type)),
		};
	}

	async setData(data: ICredentialDataDecryptedObject) {
		this.store.record(this.type, data, 'update');
	}

	async updateData(toUpdate: Partial<ICredentialDataDecryptedObject>, toDelete: string[] = []) {
		const data = { ...this.store.get(this.type), ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete data[key];
		this.store.record(this.type, data, 'update');
	}
}

/** The credential types known to one harness call, with `extends` resolved like n8n's CredentialTypes. */
export class CredentialTypeRegistry {
	private readonly byName = new Map<string, ICredentialType>();

	constructor(types: ICredentialType[] = []) {
		for (const type of types) this.byName.set(type.name, type);
	}

	recognizes(name: string) {
		return this.byName.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.byName.get(name);
		if (!type) {
			throw new UnexpectedError(`Unknown credential type "${name}": pass it in credentialTypes`);
		}
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.byName.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** own properties merged over the parents' (parents' first, like n8n) */
	getProperties(name: string): INodeProperties[] {
		const type = this.getByName(name);
		if (!type.extends) return type.properties;
		const merged: INodeProperties[] = [];
		for (const parent of type.extends) {
			if (this.recognizes(parent))
				NodeHelpers.mergeNodeProperties(merged, this.getProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}
}

/** the node type n8n's credential tester runs a declarative `test` request with */
export const CREDENTIAL_TEST_NODE_TYPE = 'n8n-nodes-base.noOp';

export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		readonly store: CredentialStore,
		readonly types: CredentialTypeRegistry,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.types.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.types.recognizes(credentialType)) return true;
		const type = this.types.getByName(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).some(
			(name) => nodeType === name || nodeType.endsWith(`.${name}`),
		);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.getProperties(type);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.types.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			if (!workflow || !node)
				throw new UnexpectedError('Generic authentication needs workflow and node');
			requestOptions.headers ??= {};
			const target = requestOptions as unknown as Record<string, Record<string, string>>;
			const resolve = (value: string) => {
				if (!isExpression(value)) return value;
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return resolved ? String(resolved) : '';
			};
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				target[section] ??= {};
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					target[section][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/**
	 * Like production: only for types with a hidden `expirable` property and a preAuthentication
	 * function; runs when that property is empty, when the token expired (401 retry) or when the
	 * credential is being tested; persists the result for the node's credential.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.getByName(typeName);
		const expirable = this.getCredentialsProperties(typeName).find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;

		const isTesting = node.type === CREDENTIAL_TEST_NODE_TYPE && node.parameters?.temp === '';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTesting) return undefined;

		// like production, the hook only gets `httpRequest`
		const hookThis: IHttpRequestHelper = { helpers: { httpRequest: helpers.helpers.httpRequest } };
		const output = (await type.preAuthentication.call(
			hookThis,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output?.[expirable.name] === undefined) return undefined;

		const ref = node.credentials?.[typeName];
		if (!ref) return undefined;
		const stored = this.store.has(typeName) ? this.store.get(typeName) : {};
		const toPersist = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			// never overwrite a field the user stored as an expression
			if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
		}
		await this.updateCredentials(ref, typeName, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.types.getByName(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		return (
			((await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject) ??
			undefined
		);
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		return new StoredCredentials(nodeCredentials, type, this.store);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(type);
		if (raw) return stored;
		return this.applyDefaults(
			stored,
			type,
			additionalData,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** defaults of the credential's properties + expressions resolved, as production's applyDefaultsAndOverwrites */
	applyDefaults(
		stored: ICredentialDataDecryptedObject,
		type: string,
		additionalData: IWorkflowExecuteAdditionalData,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		resolve?: ICredentialsExpressionResolveValues,
	): ICredentialDataDecryptedObject {
		const properties = this.getCredentialsProperties(type);
		let data = NodeHelpers.getNodeParameters(
			properties,
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (stored.oauthTokenData !== undefined) data.oauthTokenData = stored.oauthTokenData;
		if (resolve) {
			data = resolve.workflow.expression.getParameterValue(
				data as INodeParameters,
				resolve.runExecutionData,
				resolve.runIndex,
				resolve.itemIndex,
				resolve.node.name,
				resolve.connectionInputData,
				mode,
				getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.record(type, data, 'update');
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.store.has(type) ? this.store.get(type) : {};
		this.store.record(type, { ...stored, oauthTokenData: data.oauthTokenData }, 'oauth');
	}
}
