/** Booking Type: the kinds of resource bookings customers can make. */
import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type OperationDefinition } from '../../../common/declarative';
import { haloOperation, queryCollection, queryJsonField } from '../../shared/fields';
import { haloLabels, haloVendor } from '../../shared/vendor';

const r = 'bookingType';

export const bookingTypeOperations: OperationDefinition[] = [
	haloOperation('getAll', 'Get Many', 'Get many booking types', 'GET', '/BookingType', {
		list: true,
		jsonQuery: 'queryJson',
	}),
];

export const bookingTypeProperties: INodeProperties[] = resourceProperties(
	haloVendor,
	r,
	bookingTypeOperations,
	haloLabels,
	[...queryCollection(r, 'getAll', 'GET', '/BookingType'), queryJsonField(r, ['getAll'])],
);
