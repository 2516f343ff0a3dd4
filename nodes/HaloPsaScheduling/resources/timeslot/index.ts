/** Timeslot: bookable slots of a workday. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import { haloOperation, queryCollection, queryJsonField } from '../../shared/fields';
import { haloLabels, haloVendor } from '../../shared/vendor';

const r = 'timeslot';

export const timeslotOperations: OperationDefinition[] = [
	haloOperation('getAll', 'Get Many', 'Get many timeslots', 'GET', '/Timeslot', {
		list: true,
		jsonQuery: 'queryJson',
	}),
];

export const timeslotProperties: INodeProperties[] = resourceProperties(
	haloVendor,
	r,
	timeslotOperations,
	haloLabels,
	[...queryCollection(r, 'getAll', 'GET', '/Timeslot'), queryJsonField(r, ['getAll'])],
);
