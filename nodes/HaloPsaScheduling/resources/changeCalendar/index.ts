/** Change Calendar: the calendar of scheduled changes. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import { haloOperation, queryJsonField } from '../../shared/fields';
import { haloLabels, haloVendor } from '../../shared/vendor';

const r = 'changeCalendar';

export const changeCalendarOperations: OperationDefinition[] = [
	haloOperation('get', 'Get', 'Get the change calendar', 'GET', '/ChangeCalendar', {
		jsonQuery: 'queryJson',
	}),
];

export const changeCalendarProperties: INodeProperties[] = resourceProperties(
	haloVendor,
	r,
	changeCalendarOperations,
	haloLabels,
	[queryJsonField(r, ['get'])],
);
