/** Change Calendar: the calendar of changes (change requests and their windows). */
import type { ResourceSpec } from '../../common/describe';
import { haloOperation, queryJsonField } from '../shared/fields';

export const changeCalendar: ResourceSpec = {
	value: 'changeCalendar',
	name: 'Change Calendar',
	operations: [
		haloOperation('get', 'Get', 'Get the change calendar', 'GET', '/ChangeCalendar', {
			jsonQuery: 'queryJson',
			fields: [queryJsonField()],
		}),
	],
};
