import { clockFrom, type Clock } from '../../src/clock.js';

/**
 * The instant every test that boots the service starts its campaign clock at, unless it sets its own:
 * Tuesday 2 March 2027, 10:00 in the campaign zone, inside the first phase and six days from the next
 * weekly study reminder, so nothing scheduled fires during a test whatever the machine's date.
 */
export const TEST_START_ISO = '2027-03-02T10:00:00+08:00';
export const TEST_START = Date.parse(TEST_START_ISO);

/** A campaign clock that starts at `start` (default TEST_START) and runs at real speed. */
export const testClock = (start = TEST_START): Clock => clockFrom(start);
