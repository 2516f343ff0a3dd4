import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as listSearch from './listSearch';
import { bookingProperties } from './resources/booking';
import { bookingPageProperties } from './resources/bookingPage';
import { eventProperties } from './resources/event';
import { guestProperties } from './resources/guest';
import { roomProperties } from './resources/room';
import { sessionProperties } from './resources/session';

export class Sessions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sessions',
		name: 'sessions',
		icon: { light: 'file:../../icons/sessions.svg', dark: 'file:../../icons/sessions.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage rooms, sessions, events and bookings in Sessions (sessions.us)',
		defaults: { name: 'Sessions' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sessionsApi', required: true }],
		requestDefaults: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Booking', value: 'booking' },
					{ name: 'Booking Page', value: 'bookingPage' },
					{ name: 'Event', value: 'event' },
					{ name: 'Guest', value: 'guest' },
					{ name: 'Room', value: 'room' },
					{ name: 'Session', value: 'session' },
				],
				default: 'session',
			},
			...bookingProperties,
			...bookingPageProperties,
			...eventProperties,
			...guestProperties,
			...roomProperties,
			...sessionProperties,
		],
	};

	methods = { listSearch };
}
