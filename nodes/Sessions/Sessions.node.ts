import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { declarativeProperties } from '../common/declarative';
import { TOOL_VARIANT } from '../common/describe';
import * as listSearch from './listSearch';
import { SESSIONS_RESOURCES } from './resources';
import { sessionsVendor } from './shared/vendor';

export class Sessions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sessions',
		name: 'sessions',
		icon: { light: 'file:../../icons/sessions.svg', dark: 'file:../../icons/sessions.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage rooms, sessions, events and bookings in Sessions (sessions.us)',
		defaults: { name: 'Sessions' },
		usableAsTool: TOOL_VARIANT,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sessionsApi', required: true }],
		requestDefaults: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: declarativeProperties(sessionsVendor, SESSIONS_RESOURCES, 'session'),
	};

	methods = { listSearch };
}
