/** The resources of the Sessions node (the Resource picker sorts them by name). */
import type { ResourceSpec } from '../../common/describe';
import { booking } from './booking';
import { bookingPage } from './bookingPage';
import { event } from './event';
import { guest } from './guest';
import { room } from './room';
import { session } from './session';

export const SESSIONS_RESOURCES: ResourceSpec[] = [
	booking,
	bookingPage,
	event,
	guest,
	room,
	session,
];
