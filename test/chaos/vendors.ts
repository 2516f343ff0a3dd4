/**
 * The four action nodes against the chaos fake (./fake.ts): their credentials and each vendor's
 * representative operations as node parameters. The cases about servers that hang run with a
 * short timeout (TIMEOUT: a hanging server costs 0.2 s, never a wall-clock wait); the others with
 * a generous one, so that a busy test machine cannot turn them into timeouts.
 */
import type {
	ICredentialDataDecryptedObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { HaloPsaSchedulingApi } from '../../credentials/HaloPsaSchedulingApi.credentials';
import { SenseApi } from '../../credentials/SenseApi.credentials';
import { SesameHrApi } from '../../credentials/SesameHrApi.credentials';
import { SessionsApi } from '../../credentials/SessionsApi.credentials';
import { HaloPsaScheduling } from '../../nodes/HaloPsaScheduling/HaloPsaScheduling.node';
import { Sense } from '../../nodes/Sense/Sense.node';
import { SesameHr } from '../../nodes/SesameHr/SesameHr.node';
import { Sessions } from '../../nodes/Sessions/Sessions.node';
import { CredentialStore, runNode, type RunNodeResult } from '../harness';
import type { ChaosFake } from './fake';

/** The credentials' timeout in the cases about hanging servers: 0.2 s. */
export const TIMEOUT = 0.2;

/** The credentials' timeout in every other case. */
const GENEROUS = 30;

export type VendorName = 'sessions' | 'sesame' | 'halo' | 'sense';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export interface ChaosVendor {
	name: VendorName;
	/** As the messages name it. */
	vendor: string;
	type: string;
	node: Sessions | SesameHr | HaloPsaScheduling | Sense;
	credentialType: SessionsApi | SesameHrApi | HaloPsaSchedulingApi | SenseApi;
	credentials(
		fake: ChaosFake,
		extra?: ICredentialDataDecryptedObject,
	): ICredentialDataDecryptedObject;
	/** Representative operations (only those the vendor has). */
	list?: INodeParameters;
	get: INodeParameters;
	create?: INodeParameters;
	upsert?: INodeParameters;
	/** Route keys of the fake. */
	routes: { list?: string; get: string; create: string; token?: string };
}

export const SESSIONS: ChaosVendor = {
	name: 'sessions',
	vendor: 'Sessions',
	type: 'sessionsApi',
	node: new Sessions(),
	credentialType: new SessionsApi(),
	credentials: (fake, extra = {}) => ({
		apiKey: 'sessions-key-123',
		baseUrl: `${fake.url}/sessions`,
		timeout: GENEROUS,
		...extra,
	}),
	list: { resource: 'room', operation: 'getAll', returnAll: true },
	get: { resource: 'room', operation: 'get', roomId: byId('r1') },
	create: { resource: 'room', operation: 'create', name: '={{ $json.name }}', jsonBody: '{}' },
	routes: {
		list: 'GET /sessions/api/rooms',
		get: 'GET /sessions/api/rooms/:id',
		create: 'POST /sessions/api/rooms',
	},
};

export const SESAME: ChaosVendor = {
	name: 'sesame',
	vendor: 'Sesame HR',
	type: 'sesameHrApi',
	node: new SesameHr(),
	credentialType: new SesameHrApi(),
	credentials: (fake, extra = {}) => ({
		apiToken: 'sesame-token-123',
		region: 'custom',
		baseUrl: `${fake.url}/sesame`,
		timeout: GENEROUS,
		...extra,
	}),
	list: { resource: 'department', operation: 'getAllDepartments', returnAll: true },
	get: { resource: 'employee', operation: 'get', employeeId: byId('e1'), simplify: false },
	create: {
		resource: 'department',
		operation: 'create',
		companyId: byId('c1'),
		name: '={{ $json.name }}',
	},
	routes: {
		list: 'GET /sesame/core/v3/departments',
		get: 'GET /sesame/core/v3/employees/:id',
		create: 'POST /sesame/core/v3/departments',
	},
};

export const HALO: ChaosVendor = {
	name: 'halo',
	vendor: 'HaloPSA',
	type: 'haloPsaSchedulingApi',
	node: new HaloPsaScheduling(),
	credentialType: new HaloPsaSchedulingApi(),
	credentials: (fake, extra = {}) => ({
		hosting: 'hosted',
		appUrl: `${fake.url}/halo`,
		tenant: 'acme',
		clientId: 'halo-client',
		clientSecret: 'secret-of-halo-client',
		scope: 'all',
		timeout: GENEROUS,
		...extra,
	}),
	list: { resource: 'appointment', operation: 'getAll', returnAll: true, simplify: false },
	get: { resource: 'appointment', operation: 'get', appointmentId: byId('7'), simplify: false },
	create: {
		resource: 'appointment',
		operation: 'create',
		subject: '={{ $json.name }}',
		startDate: '2026-03-02T09:00:00+00:00',
		endDate: '2026-03-02T10:00:00+00:00',
		jsonBody: '{}',
	},
	routes: {
		list: 'GET /halo/api/Appointment',
		get: 'GET /halo/api/Appointment/:id',
		create: 'POST /halo/api/Appointment',
		token: 'POST /halo/auth/token',
	},
};

export const SENSE: ChaosVendor = {
	name: 'sense',
	vendor: 'Sense',
	type: 'senseApi',
	node: new Sense(),
	credentialType: new SenseApi(),
	credentials: (fake, extra = {}) => ({
		clientId: 'sense-client',
		clientSecret: 'secret-of-sense-client',
		tokenUrl: `${fake.url}/sense/oauth2/token`,
		baseUrl: `${fake.url}/sense/v1`,
		timeout: GENEROUS,
		...extra,
	}),
	get: { resource: 'candidate', operation: 'get', recordId: 'c1' },
	upsert: { resource: 'candidate', operation: 'upsert', dataMode: 'autoMap' },
	routes: {
		get: 'GET /sense/v1/candidates/:id',
		create: 'POST /sense/v1/candidates',
		token: 'POST /sense/oauth2/token',
	},
};

export const VENDORS = [SESSIONS, SESAME, HALO, SENSE];
export const LIST_VENDORS = [SESSIONS, SESAME, HALO];
export const CREATE_VENDORS = [SESSIONS, SESAME, HALO];
export const TOKEN_VENDORS = [HALO, SENSE];

/** A fresh credential store for a vendor (no token yet). */
export const storeFor = (
	vendor: ChaosVendor,
	fake: ChaosFake,
	extra?: ICredentialDataDecryptedObject,
) => new CredentialStore({ [vendor.type]: vendor.credentials(fake, extra) });

/** Items named n1, n2 …: the records of a create (or, with an id, of an upsert). */
export const items = (n: number): INodeExecutionData[] =>
	Array.from({ length: n }, (_, i) => ({ json: { id: `c${i + 1}`, name: `n${i + 1}` } }));

export function run(
	vendor: ChaosVendor,
	fake: ChaosFake,
	parameters: INodeParameters,
	extra: {
		store?: CredentialStore;
		input?: INodeExecutionData[];
		continueOnFail?: boolean;
		/** The credential's timeout in seconds (with a store of its own). */
		timeout?: number;
	} = {},
): Promise<RunNodeResult> {
	const timeout: ICredentialDataDecryptedObject =
		extra.timeout === undefined ? {} : { timeout: extra.timeout };
	return runNode({
		node: vendor.node,
		parameters,
		input: extra.input,
		continueOnFail: extra.continueOnFail,
		credentials: extra.store ?? storeFor(vendor, fake, timeout),
		credentialTypes: [vendor.credentialType],
	});
}

/** The requests the fake received on a route key ("POST /halo/api/Appointment"). */
export function requestsTo(fake: ChaosFake, key: string) {
	const [method, pattern] = key.split(' ');
	const regex = new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`);
	return fake.requests.filter((r) => r.method === method && regex.test(r.path));
}
