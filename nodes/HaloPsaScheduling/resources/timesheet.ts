/**
 * Timesheet: an agent's working day (target, actual and break hours), own timesheets, forecasting
 * and the approval flow (submit, approve, reject, revert).
 */
import type { OperationData } from '../../common/describe';
import {
	RECORD_WRITE,
	SIMPLE_TIMESHEET,
	batchField,
	bodyFields,
	haloOperation,
	names,
	queryJsonField,
	recordJsonField,
	recordLocator,
	recordResource,
	type RecordType,
} from '../shared/fields';

const record: RecordType = {
	noun: 'timesheet',
	path: '/Timesheet',
	schema: 'Timesheet',
	id: (sendAsBodyId = false) =>
		recordLocator('Timesheet', 'timesheetId', 'searchTimesheets', { sendAsBodyId }),
	required: names('agent_id date'),
	// add a property of the Timesheet schema here to offer it on Create and Update
	optional: names(
		'start_time end_time target_hours break_hours allowed_break_hours workdayid timesheet_manager _submitapproval _approve _reject _approval_message',
	),
	names: { get: 'Get Timesheet' },
	simplify: SIMPLE_TIMESHEET,
};

/**
 * The approval flow: Halo takes each step as a flag on a POST of the timesheet (an array of one
 * record: its `id`, the flag, the optional message). `_revertapproval` is not in the Timesheet schema
 * of Halo's OpenAPI document (the other three flags are); it is named like them and sent the same way.
 */
export const APPROVAL_STEPS: Array<[value: string, name: string, action: string, flag: string]> = [
	[
		'submitForApproval',
		'Submit for Approval',
		'Submit a timesheet for approval',
		'_submitapproval',
	],
	['approve', 'Approve', 'Approve a timesheet', '_approve'],
	['reject', 'Reject', 'Reject a timesheet', '_reject'],
	['revertApproval', 'Revert Approval', 'Revert the approval of a timesheet', '_revertapproval'],
];

const approvalStep = ([
	value,
	name,
	action,
	flag,
]: (typeof APPROVAL_STEPS)[number]): OperationData =>
	haloOperation(value, name, action, 'POST', record.path, {
		...RECORD_WRITE,
		fixedBody: { [flag]: true },
		fields: [
			record.id(true),
			...bodyFields(record.schema, ['_approval_message']),
			batchField(),
			recordJsonField(),
		],
	});

export const timesheet = recordResource({
	value: 'timesheet',
	name: 'Timesheet',
	plural: 'timesheets',
	record,
	more: [
		haloOperation(
			'getMine',
			'Get Many My Timesheets',
			'Get my timesheets',
			'GET',
			'/Timesheet/mine',
			{
				list: true,
				simplify: SIMPLE_TIMESHEET,
				jsonQuery: 'queryJson',
				fields: [queryJsonField()],
			},
		),
		haloOperation(
			'getForecasting',
			'Get Forecasting',
			'Get timesheet forecasting',
			'GET',
			'/Timesheet/forecasting',
			{
				jsonQuery: 'queryJson',
				fields: [queryJsonField()],
			},
		),
		...APPROVAL_STEPS.map(approvalStep),
	],
});
