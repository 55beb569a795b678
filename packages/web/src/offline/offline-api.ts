/** What the case resources load, by a dynamic import, when the server cannot be reached. */
export { NoOfflineCopyError } from './device-store';
export {
  offlineCase,
  offlineCaseEvents,
  offlineCaseList,
  offlineCaseState,
  offlineDuplicates,
  waitingCaseEvents,
} from './offline-reads';
export { queueCase, queueCorrection, queueEvent, queueGroupActivity } from './offline-writes';
